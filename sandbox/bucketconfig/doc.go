// Package bucketconfig parses, validates and serialises the S3 bucket
// configuration documents (encryption, versioning, CORS, logging, policy,
// public access block, lifecycle) and the DeleteObjects and CreateBucket
// request bodies for the embedded sandbox. Everything here is pure: the HTTP
// handlers own storage, bucket existence and cross-bucket checks.
//
// Input documents are accepted with any or no XML namespace, as S3 does;
// success documents carry the S3 namespace on their root element. Error
// codes, statuses and messages are the ones clients match on.
package bucketconfig
