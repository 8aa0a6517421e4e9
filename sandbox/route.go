package sandbox

import (
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// operation is one S3 API operation the sandbox implements.
type operation struct {
	Name     string // API name, e.g. GetBucketCors
	Action   string // IAM action authorising it, e.g. s3:GetBucketCORS
	Object   bool   // its resource is the object ARN, not the bucket ARN
	Bucket   bool   // it addresses a bucket (false only for ListBuckets)
	AnyScope bool   // answered whatever region the request was signed for
	Handler  func(*s3Call) *s3Error
}

// parameterNames are query parameters that are arguments, not sub-resources.
var parameterNames = map[string]bool{
	"prefix": true, "delimiter": true, "max-keys": true, "marker": true, "list-type": true,
	"continuation-token": true, "start-after": true, "fetch-owner": true, "encoding-type": true,
	"key-marker": true, "version-id-marker": true, "versionId": true,
	"max-buckets": true, "bucket-region": true,
	"response-content-type": true, "response-content-language": true, "response-expires": true,
	"response-cache-control": true, "response-content-disposition": true, "response-content-encoding": true,
	"uploadId": true, "partNumber": true, "max-parts": true, "part-number-marker": true,
	"max-uploads": true, "upload-id-marker": true,
}

// splitBucketKey finds bucket and key: virtual-hosted style when the host is
// "<bucket>.localhost" or "<bucket>.127.0.0.1", path style otherwise.
func splitBucketKey(r *http.Request) (bucket, key string) {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	path := strings.TrimPrefix(r.URL.Path, "/")
	for _, suffix := range []string{".localhost", ".127.0.0.1"} {
		if b, ok := strings.CutSuffix(host, suffix); ok && b != "" {
			return b, path
		}
	}
	bucket, key, _ = strings.Cut(path, "/")
	return bucket, key
}

// subResources lists the query keys that select a sub-resource, in order.
// Keys starting with "x-" (x-id, custom tags) and presign parameters are ignored, as S3 does.
func subResources(q url.Values) []string {
	var subs []string
	for k := range q {
		lk := strings.ToLower(k)
		if parameterNames[k] || strings.HasPrefix(lk, "x-") {
			continue
		}
		subs = append(subs, k)
	}
	sort.Strings(subs)
	return subs
}

// route maps a request to its operation. Unknown sub-resources and features
// answer 501 NotImplemented, a known sub-resource with the wrong method 405.
func route(method, bucket, key string, q url.Values, h http.Header) (*operation, *s3Error) {
	subs := subResources(q)
	if len(subs) > 1 {
		return nil, errNotImplemented()
	}
	sub := ""
	if len(subs) == 1 {
		sub = subs[0]
	}
	switch {
	case bucket == "":
		if method == http.MethodGet && sub == "" {
			return opListBuckets, nil
		}
		return nil, errNotImplemented()
	case key == "":
		return routeBucket(method, sub, q)
	default:
		return routeObject(method, sub, q, h)
	}
}

// bucketOps maps sub-resource → method → operation for bucket-level requests.
var bucketOps = map[string]map[string]*operation{
	"": {
		http.MethodPut: opCreateBucket, http.MethodDelete: opDeleteBucket, http.MethodHead: opHeadBucket,
	},
	"location":          {http.MethodGet: opGetBucketLocation},
	"versions":          {http.MethodGet: opListObjectVersions},
	"delete":            {http.MethodPost: opDeleteObjects},
	"versioning":        {http.MethodGet: opGetBucketVersioning, http.MethodPut: opPutBucketVersioning},
	"encryption":        {http.MethodGet: opGetBucketEncryption, http.MethodPut: opPutBucketEncryption, http.MethodDelete: opDeleteBucketEncryption},
	"cors":              {http.MethodGet: opGetBucketCors, http.MethodPut: opPutBucketCors, http.MethodDelete: opDeleteBucketCors},
	"logging":           {http.MethodGet: opGetBucketLogging, http.MethodPut: opPutBucketLogging},
	"policy":            {http.MethodGet: opGetBucketPolicy, http.MethodPut: opPutBucketPolicy, http.MethodDelete: opDeleteBucketPolicy},
	"publicAccessBlock": {http.MethodGet: opGetPublicAccessBlock, http.MethodPut: opPutPublicAccessBlock, http.MethodDelete: opDeletePublicAccessBlock},
	"lifecycle":         {http.MethodGet: opGetBucketLifecycle, http.MethodPut: opPutBucketLifecycle, http.MethodDelete: opDeleteBucketLifecycle},
	"policyStatus":      {http.MethodGet: opGetPolicyStatus},
	"ownershipControls": {http.MethodGet: opGetOwnershipControls, http.MethodPut: opPutOwnershipControls, http.MethodDelete: opDeleteOwnershipControls},
	"acl":               {http.MethodGet: opGetBucketAcl, http.MethodPut: opPutBucketAcl},
	"uploads":           {http.MethodGet: opListMultipartUploads},
}

// routeBucket picks a bucket-level operation.
func routeBucket(method, sub string, q url.Values) (*operation, *s3Error) {
	if sub == "" && method == http.MethodGet {
		if q.Get("list-type") == "2" {
			return opListObjectsV2, nil
		}
		return opListObjects, nil
	}
	byMethod, known := bucketOps[sub]
	if !known {
		return nil, errNotImplemented()
	}
	if op := byMethod[method]; op != nil {
		return op, nil
	}
	if sub == "" {
		return nil, errNotImplemented() // e.g. POST Object (browser form upload)
	}
	return nil, errMethodNotAllowed(method, "BUCKET")
}

// routeObject picks an object-level operation: objects, copies and the
// multipart upload operations (multipart_route.go); the other object
// sub-resources but acl (tagging, …) are not implemented yet.
func routeObject(method, sub string, q url.Values, h http.Header) (*operation, *s3Error) {
	if sub == "uploads" || q.Has("uploadId") || q.Has("partNumber") {
		return routeMultipart(method, sub, q, h)
	}
	if sub == "acl" {
		switch method {
		case http.MethodGet:
			return opGetObjectAcl, nil
		case http.MethodPut:
			return opPutObjectAcl, nil
		}
		return nil, errMethodNotAllowed(method, "OBJECT")
	}
	if sub != "" {
		return nil, errNotImplemented()
	}
	switch method {
	case http.MethodGet:
		return opGetObject, nil
	case http.MethodHead:
		return opHeadObject, nil
	case http.MethodPut:
		if h.Get("X-Amz-Copy-Source") != "" {
			return opCopyObject, nil
		}
		return opPutObject, nil
	case http.MethodDelete:
		return opDeleteObject, nil
	}
	return nil, errNotImplemented()
}

// errMethodNotAllowed is S3's answer to a method a resource does not support.
func errMethodNotAllowed(method, resourceType string) *s3Error {
	return newError(http.StatusMethodNotAllowed, "MethodNotAllowed",
		"The specified method is not allowed against this resource.").
		with("Method", method).with("ResourceType", resourceType)
}
