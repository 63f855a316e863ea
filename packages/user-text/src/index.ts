export { toPlainText } from './plain-text.ts';
export { userText } from './user-text.ts';
