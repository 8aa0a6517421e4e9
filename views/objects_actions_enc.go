package views

import (
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// downloadAction is d: save the object (or version) under the cursor. It
// only reads from S3, so read-only mode keeps it.
func (p *objectsPane) downloadAction(k ui.KeyMap) ui.Action {
	a := k.ReadAction(k.Download, "download")
	if p.count() == 0 {
		return a.Unless("no object is listed")
	}
	if i := p.cursor; p.versions && i < len(p.vers) && p.vers[i].IsDeleteMarker {
		return a.Unless("a delete marker has no content")
	}
	return a
}

// reencryptAction is x: re-encrypt the marked objects (or the one under
// the cursor) in place; only current objects, so only in the keys view.
func (p *objectsPane) reencryptAction(k ui.KeyMap) ui.Action {
	a := k.Action(k.Reencrypt, "re-encrypt")
	if p.versions {
		return a.Unless("only current objects are re-encrypted: leave the versions view (v)")
	}
	if p.count() == 0 {
		return a.Unless("no object is listed")
	}
	return a
}

// bucketStateOf returns the bucket's state as read.
func (d *Detail) bucketStateOf() (awsops.BucketState, bool) {
	s, ok := d.store.get(d.bucket)
	if !ok {
		return awsops.BucketState{}, false
	}
	return *s, true
}

// startUpload opens the upload form.
func startUpload(d *Detail) tea.Cmd {
	s, ok := d.bucketStateOf()
	if !ok {
		return ui.Report(ui.LevelWarn, "This bucket is no longer listed.")
	}
	existing := map[string]bool{}
	for _, o := range d.objects.objects {
		existing[o.Key] = true
	}
	f, cmd := newUploadFlow(d.c, d.be, s, existing, d.width)
	d.setFlow(f)
	return cmd
}

// startDownload opens the download of the marked objects (several: into
// one folder), or of the row under the cursor.
func startDownload(d *Detail) tea.Cmd {
	p := d.objects
	if p.cursor >= p.count() {
		return nil
	}
	if refs := p.markedDownloads(); len(refs) > 1 {
		region := ""
		if s, ok := d.store.get(d.bucket); ok {
			region = s.Region
		}
		f, cmd := newDownloadManyFlow(d.c, d.be, d.bucket, region, refs, p.enc.cache, d.width)
		d.setFlow(f)
		return cmd
	}
	ref, ok := p.ref(p.cursor)
	if refs := p.markedDownloads(); len(refs) == 1 {
		ref, ok = refs[0], true // the one marked, wherever the cursor is
	}
	if !ok {
		return ui.Report(ui.LevelWarn, "A delete marker has no content to download.")
	}
	var enc *awsops.ObjectEncryption
	if e, ok := p.enc.cache[ref]; ok {
		enc = &e
	}
	region := ""
	if s, ok := d.store.get(d.bucket); ok {
		region = s.Region
	}
	f, cmd := newDownloadFlow(d.c, d.be, d.bucket, region, ref, enc, d.width)
	d.setFlow(f)
	return cmd
}

// startReencrypt opens the re-encryption of the marked objects, or of the
// one under the cursor when none is marked.
func startReencrypt(d *Detail) tea.Cmd {
	s, ok := d.bucketStateOf()
	if !ok || s.Encryption == nil {
		return ui.Report(ui.LevelWarn, "The encryption of "+d.bucket+" has not been read yet; press r and try again.")
	}
	p := d.objects
	var refs []objRef
	for _, k := range p.marks.order {
		if _, ok := p.marks.objects[k.key]; ok && k.version == "" {
			refs = append(refs, objRef{key: k.key})
		}
	}
	if len(refs) == 0 && p.cursor < len(p.objects) {
		refs = append(refs, objRef{key: p.objects[p.cursor].Key})
	}
	if len(refs) == 0 {
		return nil
	}
	var ssec []objRef
	for _, r := range refs {
		if e, ok := p.enc.cache[r]; ok && e.Mode == awsops.SSEC {
			ssec = append(ssec, r)
		}
	}
	f, cmd := newReencryptFlow(d.c, d.be, s, refs, ssec, d.width)
	d.setFlow(f)
	return cmd
}

// markedDownloads are the marked rows that have content (keys, or versions
// that are not delete markers), in marking order.
func (p *objectsPane) markedDownloads() []objRef {
	var out []objRef
	for _, k := range p.marks.order {
		if p.versions {
			if v, ok := p.marks.versions[k]; ok && !v.IsDeleteMarker {
				out = append(out, objRef{key: v.Key, version: v.VersionID})
			}
			continue
		}
		if _, ok := p.marks.objects[k.key]; ok && k.version == "" {
			out = append(out, objRef{key: k.key})
		}
	}
	return out
}
