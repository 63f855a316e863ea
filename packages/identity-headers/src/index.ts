export {
  VIEWER_HEADER,
  REQUEST_ID_HEADER,
  signViewer,
  verifyViewer,
  type Viewer,
  type ViewerRole,
  type ViewerVerification,
} from './viewer-header.ts';
export { SERVICE_SIGNATURE_HEADER, ServiceAnswerError, postToService, signServiceRequest, verifyServiceRequest } from './service-request.ts';
