package cmd

import (
	"os"
	"path/filepath"

	"github.com/s3sec/s3sec/awsops"
)

// attachJournal makes every plan the session applies go to the change
// journal: the user's ($XDG_STATE_HOME/s3sec/journal.jsonl) for real
// runs, a temporary one for the demo, whose changes are to a throwaway
// sandbox and must never reach the user's record. cleanup removes the
// temporary journal; path is where the entries go.
func attachJournal(sess *awsops.Session, demo bool) (path string, cleanup func(), err error) {
	cleanup = func() {}
	if demo {
		dir, err := os.MkdirTemp("", "s3sec-demo-journal-")
		if err != nil {
			return "", cleanup, err
		}
		path, cleanup = filepath.Join(dir, "journal.jsonl"), func() { os.RemoveAll(dir) }
	} else if path, err = awsops.DefaultJournalPath(); err != nil {
		return "", cleanup, err
	}
	sess.SetJournal(&awsops.FileJournal{Path: path})
	return path, cleanup, nil
}
