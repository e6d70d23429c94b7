export { MllpClient, type MllpClientEvent, type MllpClientOptions } from './client';
export { DEFAULT_MAX_FRAME_BYTES, encodeMllpFrame, MLLP_END, MLLP_START, MLLP_TRAILER, MllpFrameDecoder, type MllpDecodeResult } from './frame';
export { MllpError, type MllpErrorCode } from './mllp.errors';
export { MllpServer, type MllpConnectionInfo, type MllpHandler, type MllpHandlerErrorPolicy, type MllpServerEvent, type MllpServerOptions } from './server';
