package cmd

import (
	"errors"
	"fmt"
	"io"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/localfile"
)

// cpBeforePublish runs between a complete download and its publication;
// tests make the destination appear there.
var cpBeforePublish = func(dest string) {}

// cpDownloadPartSize, when not zero, replaces the download part size;
// tests shrink it to cross part boundaries with small objects.
var cpDownloadPartSize int64

// cpOnDownloadProgress sees every progress report of a download; tests
// cancel there, in the middle of a transfer.
var cpOnDownloadProgress = func(awsops.DownloadProgress) {}

// existsHint adds how to replace on purpose to a refusal to replace.
func existsHint(err error) error {
	var ee *localfile.ExistsError
	if errors.As(err, &ee) {
		return fmt.Errorf("%w; pass --force to replace it", err)
	}
	return err
}

// reportStale names the temporary files of killed downloads that were
// found (and removed, unless said otherwise) in the destination directory.
func reportStale(stderr io.Writer, found []localfile.Stale) {
	for _, s := range found {
		if s.Err != nil {
			fmt.Fprintf(stderr, "s3sec cp: could not remove %s, left by an interrupted download %s ago: %v\n", s.Path, s.Age, s.Err)
			continue
		}
		fmt.Fprintf(stderr, "s3sec cp: removed %s, left by an interrupted download %s ago\n", s.Path, s.Age)
	}
}
