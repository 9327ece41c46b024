import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers on every answer (helmet). The CSP allows scripts, fonts, images and requests from
 * this origin only. style-src keeps 'unsafe-inline' because Ant Design writes its CSS-in-JS into
 * <style> elements at run time and components set style attributes (so do Swagger UI and the
 * e-mail confirmation pages); scripts stay strict, which is what protects the token in localStorage.
 * No upgrade-insecure-requests: `npm start` serves plain HTTP on localhost.
 */
export const securityHeaders = (): RequestHandler => helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  xFrameOptions: { action: 'deny' },
  // E-mail decision links carry their token in the path: never send it on as a referrer.
  referrerPolicy: { policy: 'no-referrer' },
  // Only this host: a county domain may have other sites still on plain HTTP.
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
});

/** Answers of the API carry personal data and tokens: no cache may keep them. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
