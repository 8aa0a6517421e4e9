package awsops

import "slices"

// Field checks of ValidateCORS, exported one by one so that a form can
// judge a value as it is typed, with the same words a whole check uses.

// CORSMethods are the methods a CORS rule may allow, in S3's spelling.
func CORSMethods() []string { return slices.Clone(corsMethods) }

// CORSOriginProblem says what is wrong with one AllowedOrigin ("*" or
// scheme://host[:port], with at most one '*'); "" when it is fine.
func CORSOriginProblem(origin string) string { return corsOriginProblem(origin) }

// CORSHeaderProblem says what is wrong with one header name; allowed is
// true for AllowedHeader (one '*' permitted), false for ExposeHeader.
func CORSHeaderProblem(name string, allowed bool) string { return corsHeaderProblem(name, allowed) }
