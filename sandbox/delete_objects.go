package sandbox

import (
	"crypto/md5"
	"encoding/xml"
	"net/http"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
)

// deleteResultXML is the DeleteObjects answer: Deleted and Error entries in request order.
type deleteResultXML struct {
	XMLName xml.Name                       `xml:"http://s3.amazonaws.com/doc/2006-03-01/ DeleteResult"`
	Entries []namedElement[deleteEntryXML] // Deleted or Error elements
}

// deleteEntryXML is the content of one Deleted or Error element.
type deleteEntryXML struct {
	Key                   string `xml:"Key"`
	VersionID             string `xml:"VersionId,omitempty"`
	DeleteMarker          bool   `xml:"DeleteMarker,omitempty"`
	DeleteMarkerVersionID string `xml:"DeleteMarkerVersionId,omitempty"`
	Code                  string `xml:"Code,omitempty"`
	Message               string `xml:"Message,omitempty"`
}

// handleDeleteObjects implements DeleteObjects (POST /{b}?delete): up to 1000
// keys, each authorised and deleted on its own; failures are reported per key
// inside a 200 answer, and Quiet mode reports only those.
func handleDeleteObjects(c *s3Call) *s3Error {
	body, err := c.readBody(maxConfigBody)
	if err != nil {
		return err
	}
	sum := md5.Sum(body)
	if err := checkContentMD5(c.r.Header, sum[:]); err != nil {
		return err
	}
	req, cerr := bucketconfig.ParseDelete(body)
	if cerr != nil {
		return fromConfig(cerr)
	}
	res := deleteResultXML{}

	st := c.s.store
	st.mu.Lock()
	b := st.get(c.bucket)
	if b == nil {
		st.mu.Unlock()
		return errNoSuchBucket(c.bucket)
	}
	// Naming any version makes the whole request need MFA: without a valid
	// code nothing is deleted, not even the keys named without a version (3.3).
	if err := c.checkMFA(anyVersionID(req.Objects) && b.mfaDeleteEnabled()); err != nil {
		st.mu.Unlock()
		return err
	}
	pol := b.config.policyState()
	for _, obj := range req.Objects {
		entry := c.deleteOne(b, pol, obj)
		if req.Quiet && entry.Name == "Deleted" {
			continue
		}
		res.Entries = append(res.Entries, entry)
	}
	st.mu.Unlock()
	return writeXML(c.w, http.StatusOK, res)
}

// deleteOne authorises and performs one key's deletion; the caller holds the store lock.
func (c *s3Call) deleteOne(b *bucket, pol bucketPolicyState, obj bucketconfig.ObjectIdentifier) namedElement[deleteEntryXML] {
	fail := func(code, message string) namedElement[deleteEntryXML] {
		return namedElement[deleteEntryXML]{"Error", deleteEntryXML{Key: obj.Key, VersionID: obj.VersionID, Code: code, Message: message}}
	}
	action := "s3:DeleteObject"
	if obj.VersionID != "" {
		action = "s3:DeleteObjectVersion"
	}
	resource := "arn:aws:s3:::" + c.bucket + "/" + obj.Key
	if e := c.s.identityAllows(c.p, action, resource); e != nil {
		return fail(e.Code, e.Message)
	}
	if e := c.decide(pol, action, resource); e != nil {
		return fail(e.Code, e.Message)
	}
	done := deleteEntryXML{Key: obj.Key}
	if obj.VersionID == "" {
		r := b.deleteCurrent(obj.Key, c.now(), c.s.versionIDs.next)
		done.DeleteMarker, done.DeleteMarkerVersionID = r.DeleteMarker, r.VersionID
		return namedElement[deleteEntryXML]{"Deleted", done}
	}
	// A malformed id cannot name any version: reported per key as
	// NoSuchVersion (the code S3 uses for unknown versions in this answer; the
	// exact answer for malformed ids is unverified).
	if !validVersionID(obj.VersionID) {
		return fail("NoSuchVersion", "The specified version does not exist.")
	}
	// A well-formed id naming a version that does not (or no longer) exist is
	// reported under Deleted with that VersionId: deletes are idempotent, so a
	// retried or concurrent batch does not fail. This follows AWS as observed
	// (MinIO PR #11086 quotes AWS answering Deleted{Key,VersionId} for an
	// unknown version) rather than S3-BEHAVIOR 3.4's NoSuchVersion entry;
	// deleteVersion removes nothing then.
	r := b.deleteVersion(obj.Key, obj.VersionID)
	done.VersionID = obj.VersionID
	if r.DeleteMarker {
		done.DeleteMarker, done.DeleteMarkerVersionID = true, obj.VersionID
	}
	return namedElement[deleteEntryXML]{"Deleted", done}
}
