package sigv4

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The worked example of the S3 documentation ("Signature Calculations for
// the Authorization Header: Transferring Payload in Multiple Chunks"):
// 66560 bytes of 'a' in a 64 KiB and a 1 KiB chunk, with the published seed
// and chunk signatures.
const (
	exampleAccessKey = "AKIAIOSFODNN7EXAMPLE"
	exampleSecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	exampleSeed      = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
	exampleChunk1Sig = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648"
	exampleChunk2Sig = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497"
	exampleFinalSig  = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"
)

var exampleTime = time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC)

func exampleLookup(id string) (string, bool) { return exampleSecretKey, id == exampleAccessKey }

func exampleBody(chunk2Sig string, chunk2 []byte) string {
	return "10000;chunk-signature=" + exampleChunk1Sig + "\r\n" + strings.Repeat("a", 65536) + "\r\n" +
		"400;chunk-signature=" + chunk2Sig + "\r\n" + string(chunk2) + "\r\n" +
		"0;chunk-signature=" + exampleFinalSig + "\r\n\r\n"
}

// exampleRequest rebuilds the documented request as Go's server presents it.
func exampleRequest(body string) *http.Request {
	r, _ := http.NewRequest("PUT", "http://s3.amazonaws.com/examplebucket/chunkObject.txt", strings.NewReader(body))
	r.ContentLength = 66824
	r.Header.Set("Content-Length", "66824")
	r.Header.Set("Content-Encoding", "aws-chunked")
	r.Header.Set("X-Amz-Date", "20130524T000000Z")
	r.Header.Set("X-Amz-Storage-Class", "REDUCED_REDUNDANCY")
	r.Header.Set("X-Amz-Content-Sha256", streamingSigned)
	r.Header.Set("X-Amz-Decoded-Content-Length", "66560")
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"+
		"SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,"+
		"Signature="+exampleSeed)
	return r
}

func TestAWSDocumentedChunkedExample(t *testing.T) {
	good := exampleBody(exampleChunk2Sig, bytes.Repeat([]byte("a"), 1024))
	if len(good) != 66824 {
		t.Fatalf("example body is %d bytes, the documentation says 66824", len(good))
	}
	r := exampleRequest(good)
	res, e := Verify(r, exampleLookup, exampleTime.Add(time.Minute))
	if e != nil {
		t.Fatalf("documented request rejected: %+v", e)
	}
	if res.Region != "us-east-1" || res.Service != "s3" {
		t.Fatalf("result %+v", res)
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatalf("documented body rejected: %v", err)
	}
	if len(data) != 66560 || strings.Trim(string(data), "a") != "" {
		t.Fatalf("decoded %d bytes, want 66560 'a's", len(data))
	}
	if r.ContentLength != 66560 || r.Header.Get("Content-Length") != "66560" || r.Header.Get("Content-Encoding") != "" {
		t.Fatalf("request not rewritten: length %d, headers %v", r.ContentLength, r.Header)
	}
}

func TestAWSDocumentedChunkedExampleTampered(t *testing.T) {
	flipped := bytes.Repeat([]byte("a"), 1024)
	flipped[512] = 'b'
	cases := map[string]string{
		"corrupted chunk signature": exampleBody(strings.Replace(exampleChunk2Sig, "0055", "0056", 1), bytes.Repeat([]byte("a"), 1024)),
		"corrupted chunk data":      exampleBody(exampleChunk2Sig, flipped),
		"chunks out of order": "400;chunk-signature=" + exampleChunk2Sig + "\r\n" + strings.Repeat("a", 1024) + "\r\n" +
			"10000;chunk-signature=" + exampleChunk1Sig + "\r\n" + strings.Repeat("a", 65536) + "\r\n" +
			"0;chunk-signature=" + exampleFinalSig + "\r\n\r\n",
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			r := exampleRequest(body)
			if _, e := Verify(r, exampleLookup, exampleTime); e != nil {
				t.Fatalf("the seed signature is still valid, Verify said %+v", e)
			}
			_, err := io.ReadAll(r.Body)
			e, ok := AsError(err)
			if !ok || e.Status != 403 || e.Code != "SignatureDoesNotMatch" {
				t.Fatalf("got %v", err)
			}
		})
	}
}
