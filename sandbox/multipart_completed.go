package sandbox

import "strings"

// maxRecentCompletions bounds how many completed uploads a bucket remembers
// for retried CompleteMultipartUpload requests (the oldest is forgotten first).
const maxRecentCompletions = 256

// completedUpload is what a successful CompleteMultipartUpload answered, kept
// so that a retry of the same request (the client lost the first answer)
// gets 200 and the same result again instead of NoSuchUpload. S3 behaves so
// for a while after completion; the brief of issue 9 and the SDKs' retry of
// CompleteMultipartUpload (its 200 may carry an error, so clients resend)
// rely on it. Only the same key with the same part list is answered.
type completedUpload struct {
	key       string
	parts     []completePart // as listed, ETags without quotes
	version   *objectVersion // the version created, for the SSE headers
	versionID string         // x-amz-version-id sent, "" when none was
	result    completeResult
}

// recentCompletions is a bucket's bounded record of completed uploads by id.
type recentCompletions struct {
	byID  map[string]*completedUpload
	order []string // upload ids, oldest first
}

// remember records a completion, forgetting the oldest beyond the bound.
func (r *recentCompletions) remember(id string, done *completedUpload) {
	if r.byID == nil {
		r.byID = map[string]*completedUpload{}
	}
	r.byID[id] = done
	r.order = append(r.order, id)
	if len(r.order) > maxRecentCompletions {
		delete(r.byID, r.order[0])
		r.order = r.order[1:]
	}
}

// replay returns the recorded completion of id when key and the part list
// are those of the completed request, else nil (the caller answers NoSuchUpload).
func (r *recentCompletions) replay(id, key string, parts []completePart) *completedUpload {
	done := r.byID[id]
	if done == nil || done.key != key || len(done.parts) != len(parts) {
		return nil
	}
	for i, p := range parts {
		if p.PartNumber != done.parts[i].PartNumber || strings.Trim(p.ETag, `"`) != done.parts[i].ETag {
			return nil
		}
	}
	return done
}

// listedParts keeps the part numbers and unquoted ETags of a completion list.
func listedParts(list []completePart) []completePart {
	out := make([]completePart, len(list))
	for i, p := range list {
		out[i] = completePart{PartNumber: p.PartNumber, ETag: strings.Trim(p.ETag, `"`)}
	}
	return out
}
