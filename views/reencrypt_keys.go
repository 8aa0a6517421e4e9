package views

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
)

// SSE-C objects of one re-encryption may have been written with different
// keys. The form asks for a key file; HeadObject with that key tells which
// objects it opens (S3 echoes the key's MD5 for those, 403 for the
// others); the form then asks for the key of the objects still without
// one, until every SSE-C object has its own. A key is named by its MD5
// only; only key file paths are kept in the model, never a key.

// reencryptMatchMsg is which SSE-C objects the key in path opens.
type reencryptMatchMsg struct {
	id   int
	path string
	md5  string
	refs []objRef // the objects tried
	fits []bool
	err  error
}

// keyless are the SSE-C objects no key file was found for yet.
func (f *reencryptFlow) keyless() []objRef {
	var out []objRef
	for _, r := range f.ssec {
		if _, ok := f.keyFor[r]; !ok {
			out = append(out, r)
		}
	}
	return out
}

// sourceTitle asks for the next key, saying how many objects need one.
func (f *reencryptFlow) sourceTitle() string {
	left := len(f.keyless())
	if len(f.keyFor) == 0 {
		return fmt.Sprintf("Current SSE-C key file of the SSE-C objects (%d)", left)
	}
	return fmt.Sprintf("Next SSE-C key file (%s still without one)", plural(left, "object", "objects"))
}

// match tries the key file in the form on the objects still without a key.
func (f *reencryptFlow) match() tea.Cmd {
	f.stage = xferRunning
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	path, refs, id := f.choice.sourcePath, f.keyless(), f.id
	be, bucket, region := f.be, f.state.Name, f.state.Region
	return func() tea.Msg {
		k, err := awsops.LoadSSECKey(expandHome(path))
		if err != nil {
			return reencryptMatchMsg{id: id, path: path, err: err}
		}
		defer clear(k)
		var objs []awsops.ObjectRef
		for _, r := range refs {
			objs = append(objs, awsops.ObjectRef{Key: r.key, VersionID: r.version})
		}
		fits, err := be.MatchSSECKey(ctx, bucket, region, objs, k)
		return reencryptMatchMsg{id: id, path: path, md5: awsops.SSECKeyMD5(k), refs: refs, fits: fits, err: err}
	}
}

// matched records which objects the key opens and asks for the next key,
// or goes on to the plan once every SSE-C object has one.
func (f *reencryptFlow) matched(m reencryptMatchMsg) tea.Cmd {
	if m.err != nil {
		return f.openForm(errorOf(m.err).Error() + " — " + explainEncryptionError(m.err))
	}
	var opened []string
	for i, r := range m.refs {
		if i < len(m.fits) && m.fits[i] {
			f.keyFor[r] = m.path
			opened = append(opened, r.key)
		}
	}
	f.choice.sourcePath = ""
	if len(opened) == 0 {
		return f.openForm(fmt.Sprintf("The key in %s (MD5 %s) opens none of the SSE-C objects still without a key: %s.", m.path, m.md5, refNames(f.keyless())))
	}
	f.keyMD5[m.path] = m.md5
	if left := f.keyless(); len(left) > 0 {
		return f.openForm(fmt.Sprintf("Key MD5 %s opens %s. Now the key of the others: %s.", m.md5, strings.Join(opened, ", "), refNames(left)))
	}
	return f.build()
}

// refNames lists object keys for a sentence, the first few only.
func refNames(refs []objRef) string {
	var names []string
	for i, r := range refs {
		if i == 3 {
			names = append(names, fmt.Sprintf("and %d more", len(refs)-3))
			break
		}
		names = append(names, r.key)
	}
	return strings.Join(names, ", ")
}
