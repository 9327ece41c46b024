/**
 * The kinds of file a request may carry (minutes, scans, spreadsheets), recognised by their first
 * bytes ("magic numbers"), never by the name a browser sends: a renamed executable stays refused.
 */
export interface FileType {
  contentType: string;
  /** what people call it, for messages */
  label: string;
}

const PDF: FileType = { contentType: 'application/pdf', label: 'PDF' };
const PNG: FileType = { contentType: 'image/png', label: 'PNG' };
const JPEG: FileType = { contentType: 'image/jpeg', label: 'JPEG' };
const GIF: FileType = { contentType: 'image/gif', label: 'GIF' };
const WEBP: FileType = { contentType: 'image/webp', label: 'WebP' };
const DOCX: FileType = { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word (.docx)' };
const XLSX: FileType = { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel (.xlsx)' };
const PPTX: FileType = { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint (.pptx)' };
/** .doc/.xls/.ppt share one container (OLE2); which one it is does not matter for storing it */
const OFFICE_97: FileType = { contentType: 'application/x-ole-storage', label: 'Office 97–2003 (.doc/.xls/.ppt)' };

export const ACCEPTED_FILE_LABELS = [PDF, PNG, JPEG, GIF, WEBP, DOCX, XLSX, PPTX, OFFICE_97].map((t) => t.label);

const startsWith = (bytes: Uint8Array, sig: number[], at = 0): boolean => sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

function contains(bytes: Uint8Array, needle: number[]): boolean {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** An Office Open XML package is a zip whose entries name its kind: word/, xl/ or ppt/ beside [Content_Types].xml. */
function officeOpenXml(bytes: Uint8Array): FileType | undefined {
  if (!contains(bytes, ascii('[Content_Types].xml'))) return undefined;
  if (contains(bytes, ascii('word/'))) return DOCX;
  if (contains(bytes, ascii('xl/'))) return XLSX;
  if (contains(bytes, ascii('ppt/'))) return PPTX;
  return undefined;
}

/** The type of a file from its content, or undefined when it is none the bureau accepts. */
export function detectFileType(bytes: Uint8Array): FileType | undefined {
  if (startsWith(bytes, ascii('%PDF-'))) return PDF;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return GIF;
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return WEBP;
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return OFFICE_97;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return officeOpenXml(bytes);
  return undefined;
}
