export {
  VIEWER_HEADER,
  REQUEST_ID_HEADER,
  signViewer,
  verifyViewer,
  type Viewer,
  type ViewerRole,
  type ViewerVerification,
} from './viewer-header.ts';
