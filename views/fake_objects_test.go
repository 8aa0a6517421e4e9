package views

import (
	"context"
	"io"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
)

// HeadObjects records the keys asked for and reports every object as SSE-S3.
func (f *fakeBackend) HeadObjects(_ context.Context, _, _ string, refs []awsops.ObjectRef) []awsops.ObjectEncryption {
	f.mu.Lock()
	defer f.mu.Unlock()
	var keys []string
	out := make([]awsops.ObjectEncryption, len(refs))
	for i, r := range refs {
		keys = append(keys, r.Key)
		out[i] = awsops.ObjectEncryption{Key: r.Key, VersionID: r.VersionID, Mode: awsops.SSES3, Size: 1234}
	}
	f.heads = append(f.heads, keys)
	return out
}

// Upload records the input (without reading the body) and reports success.
func (f *fakeBackend) Upload(_ context.Context, in awsops.UploadInput, progress func(awsops.UploadProgress)) (awsops.UploadResult, error) {
	f.mu.Lock()
	f.uploads = append(f.uploads, in)
	f.mu.Unlock()
	if progress != nil {
		progress(awsops.UploadProgress{Bytes: 10, Total: 10})
	}
	return awsops.UploadResult{Mode: in.Mode, Size: 10}, nil
}

// Download writes a fixed body.
func (f *fakeBackend) Download(_ context.Context, _ awsops.DownloadInput, w io.Writer, _ func(awsops.DownloadProgress)) (awsops.DownloadResult, error) {
	n, err := io.WriteString(w, "fake object body\n")
	return awsops.DownloadResult{Mode: awsops.SSES3, Size: int64(n)}, err
}

// KMSKeyring returns a keyring without a client: the fake never encrypts.
func (f *fakeBackend) KMSKeyring(_, keyID string) *clientside.KMSKeyring {
	return clientside.NewKMSKeyring(nil, keyID)
}

// MatchSSECKey finds no SSE-C object: the fake has none.
func (f *fakeBackend) MatchSSECKey(_ context.Context, _, _ string, refs []awsops.ObjectRef, _ []byte) ([]bool, error) {
	return make([]bool, len(refs)), nil
}
