/** Moved to scripts/lib (the scale benchmark runs the S3 backend too). */
export { startS3Server, type S3Server } from "../../../scripts/lib/s3Server";
