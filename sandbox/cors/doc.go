// Package cors evaluates a bucket's CORS rules the way Amazon S3 does
// (S3-BEHAVIOR.md 5.2 and 5.3): which rule, if any, answers a request from
// an origin, and which Access-Control-* headers the answer carries.
//
// It is pure: no HTTP, no storage, no knowledge of the configuration
// document. The sandbox converts its parsed configuration into Rules and
// turns a Result into headers or errors; the console can mirror the same
// evaluation locally without importing the sandbox.
package cors
