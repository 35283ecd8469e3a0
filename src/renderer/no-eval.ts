import { z } from 'zod';

// The CSP allows no eval. zod compiles fast parsers with `new Function` when it may, and checks whether it
// may as schemas are built (at import time): refused by the CSP, that check is a violation report on every
// load. Imported first by main.tsx, so every schema is built without it.
z.config({ jitless: true });
