package sandbox

import (
	"net/http"
	"net/url"
)

// The multipart upload and copy operations, each with the IAM action that
// authorises it (CreateMultipartUpload, UploadPart and Complete are s3:PutObject).
var (
	opCopyObject              = &operation{Name: "CopyObject", Action: "s3:PutObject", Bucket: true, Object: true, Handler: handleCopyObject}
	opCreateMultipartUpload   = &operation{Name: "CreateMultipartUpload", Action: "s3:PutObject", Bucket: true, Object: true, Handler: handleCreateMultipartUpload}
	opUploadPart              = &operation{Name: "UploadPart", Action: "s3:PutObject", Bucket: true, Object: true, Handler: handleUploadPart}
	opCompleteMultipartUpload = &operation{Name: "CompleteMultipartUpload", Action: "s3:PutObject", Bucket: true, Object: true, Handler: handleCompleteMultipartUpload}
	opAbortMultipartUpload    = &operation{Name: "AbortMultipartUpload", Action: "s3:AbortMultipartUpload", Bucket: true, Object: true, Handler: handleAbortMultipartUpload}
	opListParts               = &operation{Name: "ListParts", Action: "s3:ListMultipartUploadParts", Bucket: true, Object: true, Handler: handleListParts}
	opListMultipartUploads    = &operation{Name: "ListMultipartUploads", Action: "s3:ListBucketMultipartUploads", Bucket: true, Handler: handleListMultipartUploads}
)

// routeMultipart picks the multipart operation of an object request carrying
// ?uploads, ?uploadId or ?partNumber. UploadPartCopy and GetObject by part
// number are not implemented.
func routeMultipart(method, sub string, q url.Values, h http.Header) (*operation, *s3Error) {
	switch {
	case sub == "uploads":
		if method == http.MethodPost {
			return opCreateMultipartUpload, nil
		}
	case sub != "":
	case q.Has("uploadId"):
		switch method {
		case http.MethodPut:
			if h.Get("X-Amz-Copy-Source") != "" {
				return nil, errNotImplementedHeader("x-amz-copy-source")
			}
			return opUploadPart, nil
		case http.MethodPost:
			return opCompleteMultipartUpload, nil
		case http.MethodDelete:
			return opAbortMultipartUpload, nil
		case http.MethodGet:
			return opListParts, nil
		}
	}
	return nil, errNotImplemented()
}
