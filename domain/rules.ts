/**
 * The plan's rules (东乡县关于保基层运转的工作方案) by ID, with the plan's Chinese wording, so every
 * refusal can cite the rule a finance officer will recognise.
 */
export const RULES = {
  'R-B1': { zh: '未列入预算的资金一律不得支出', en: 'No money may be spent that is not in the approved budget.' },
  'R-B2': {
    zh: '确需追加预算的，必须事先向县委政府主要领导和分管领导汇报后，提交县政府常务会议或办公会议研究审定，报县人大常委会议批复后执行',
    en: 'A supplementary budget is briefed to the principal leaders and the leader in charge, decided by the executive or office meeting, and approved by the NPC standing committee before it is executed.',
  },
  'R-B3': { zh: '要做到收支平衡，不得超财力追加形成财政赤字', en: 'Supplementary budgets may not exceed available resources and create a deficit.' },
  'R-B4': { zh: '原则上不得追加一般性经费', en: 'General-purpose spending is in principle not added; it needs an explicit justification.' },
  'R-B5': { zh: '支出预算优先安排"保工资、保运转、保基本民生"需求', en: 'Wages, operations and basic livelihood ("three guarantees") come first.' },
  'R-B6': { zh: '县财政严格按人大批复的支出预算按进度拨付', en: 'Disbursement follows the approved budget on a schedule.' },
  'R-B7': { zh: '上级下达专项资金按文件要求及时下达，金额较大的要向县委、县政府进行报告', en: 'Special transfers from above are passed on by their document’s deadline; large ones are reported to the county committee and government.' },
  'R-B8': { zh: '每季度对预算收支执行情况向县委、县政府、县人大报告', en: 'Budget execution is reported every quarter to the county committee, government and people’s congress.' },
  'R-B9': {
    zh: '县政府确需出台的重大增支政策，应提前报上级政府备案后执行，所需经费由县级财政承担；对评估认定不具备实施条件、存在风险隐患的支出政策，一律不得实施',
    en: 'A major spending-increase policy is assessed for affordability, decided by the executive meeting and filed with the higher-level government before it is implemented; one assessed as not implementable or risky is never implemented.',
  },
  'R-B10': { zh: '严格执行人大批准预算，不得擅自改变机构运转等支出的用途', en: 'The approved budget is executed as approved: no use of budgeted money is changed without approval, and money for the three guarantees is never moved to other uses.' },
  'R-B11': { zh: '对结转两年以上的各类资金…一律…由县财政收回统筹安排', en: 'At the year turn nothing lapses silently: open requests and reservations are carried over or released by decision.' },
  'R-L1': { zh: '县财政只能向纳入本级预算管理的一级预算单位（不含企业）安排借款', en: 'Loans go only to first-level budget units of the county, never to enterprises.' },
  'R-L2': { zh: '不得经预算单位再转借企业', en: 'A borrower may not re-lend to an enterprise.' },
  'R-L3': { zh: '借款资金仅限于临时性周转或应对社会影响较大突发事件的临时急需垫款', en: 'Loans are only for temporary turnover or emergency advances.' },
  'R-L4': { zh: '借款期限不得超过一年', en: 'The loan term may not exceed one year.' },
  'R-L5': { zh: '必须明确还款来源', en: 'A repayment source is required.' },
  'R-L6': { zh: '须按程序报请县政府常务会议审查批准', en: 'Every loan needs the executive meeting’s approval.' },
  'R-L7': { zh: '按照"谁借出，谁回收"的原则，建立…倒查和责任追究机制', en: 'The lending side names a responsible officer who collects.' },
  'R-L8': { zh: '暂付性款项规模不得超过一般公共预算和政府性基金预算支出之和的5%', en: 'Outstanding advances may not exceed 5% of general public plus government fund budget expenditure.' },
  'R-L9': { zh: '严禁通过违规列示暂付性款项实现收支平衡或解决新增支出需求', en: 'Advances may not be used to balance the budget or fund new spending.' },
  'R-L10': { zh: '尽快回笼财政借垫资金…防止暂付款长期挂账', en: 'Advances are recovered quickly; none stay outstanding for long.' },
  'R-L11': {
    zh: '着力消化暂付性款项存量…全面落实县政府制定的暂付款消化方案，确保按时完成暂付性款项余额消化任务；重点加大违规出借用于企业偿债和项目建设等资金的清收力度',
    en: 'The stock of advances is worked down to the county’s reduction plan on time; irregular lending to enterprises is recovered first.',
  },
  'R-M1': { zh: '县财政建立专项报告制度，按月向省州财政部门报告保基层运转情况', en: 'Every month the county reports on keeping grassroots government running to the provincial and prefecture finance departments.' },
  'R-M2': { zh: '定期向县委县政府报告我县债务情况、暂付款规模、库款保障水平等，对重点单位实施监控', en: 'Debt, advances and treasury cash coverage are reported regularly to the county committee and government; key units are monitored.' },
  'R-M3': { zh: '对存在支付风险的，及时暂停支付', en: 'Payments are suspended where there is a payment risk.' },
  'R-M4': { zh: '对发生风险事件后不及时上报，或者处置不力、不当并造成不良影响或严重后果的，要从重问责', en: 'A risk event reported late, or handled badly, is held to heavier accountability.' },
} as const;

export type RuleId = keyof typeof RULES;

/** A rule the request breaks, with the plan's wording and what exactly was wrong. */
export interface Violation {
  ruleId: RuleId;
  zh: string;
  en: string;
  field?: string;
  detail: string;
}

/** Builds a violation of `ruleId` with the rule's wording. */
export function violation(ruleId: RuleId, detail: string, field?: string): Violation {
  return { ruleId, zh: RULES[ruleId].zh, en: RULES[ruleId].en, detail, ...(field ? { field } : {}) };
}
