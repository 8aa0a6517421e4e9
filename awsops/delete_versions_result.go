package awsops

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// DeletedVersion is one <Deleted> entry of a DeleteObjects answer.
type DeletedVersion struct {
	Key                   string
	VersionID             string
	DeleteMarker          bool   // the deleted version was a delete marker
	DeleteMarkerVersionID string // the marker's version id, when DeleteMarker
}

// DeleteVersionFailure is one <Error> entry of a DeleteObjects answer: the
// request succeeded (HTTP 200) but this key was not deleted.
type DeleteVersionFailure struct {
	Key       string
	VersionID string
	Code      string // e.g. NoSuchVersion, AccessDenied
	Message   string
}

// DeleteVersionsResult is what one DeleteObjects request did, key by key.
type DeleteVersionsResult struct {
	Deleted []DeletedVersion
	Failed  []DeleteVersionFailure
}

// PartialDeleteError is the error of a DeleteObjects step whose 200 answer
// listed per-key errors: the keys in Result.Deleted are gone, those in
// Result.Failed are not. Reach it with errors.As through Apply's StepError.
type PartialDeleteError struct {
	Bucket    string
	Requested int
	Result    DeleteVersionsResult
}

// Error names how many versions failed and the first few reasons.
func (e *PartialDeleteError) Error() string {
	const shown = 3
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d versions in %s were not deleted", len(e.Result.Failed), e.Requested, e.Bucket)
	for i, f := range e.Result.Failed {
		if i == shown {
			fmt.Fprintf(&b, "; and %d more", len(e.Result.Failed)-shown)
			break
		}
		sep := ": "
		if i > 0 {
			sep = "; "
		}
		fmt.Fprintf(&b, "%s%s (version %s): %s", sep, f.Key, f.VersionID, f.Code)
		if f.Message != "" {
			b.WriteString(" " + f.Message)
		}
	}
	return b.String()
}

// deleteResult converts a DeleteObjects answer.
func deleteResult(out *s3.DeleteObjectsOutput) DeleteVersionsResult {
	var r DeleteVersionsResult
	for _, d := range out.Deleted {
		r.Deleted = append(r.Deleted, DeletedVersion{
			Key:                   aws.ToString(d.Key),
			VersionID:             aws.ToString(d.VersionId),
			DeleteMarker:          aws.ToBool(d.DeleteMarker),
			DeleteMarkerVersionID: aws.ToString(d.DeleteMarkerVersionId),
		})
	}
	for _, e := range out.Errors {
		r.Failed = append(r.Failed, DeleteVersionFailure{
			Key:       aws.ToString(e.Key),
			VersionID: aws.ToString(e.VersionId),
			Code:      aws.ToString(e.Code),
			Message:   aws.ToString(e.Message),
		})
	}
	return r
}

// DeleteJSONFile is one file a delete-objects CLI equivalent reads with
// --delete file://NAME.
type DeleteJSONFile struct {
	Name    string // delete.json, or delete-1.json, delete-2.json, ... for several batches
	Content string // the Delete structure as the aws CLI reads it
}

// DeleteJSONFileName names the file of batch index (0-based) of total.
func DeleteJSONFileName(index, total int) string {
	if total <= 1 {
		return "delete.json"
	}
	return fmt.Sprintf("delete-%d.json", index+1)
}

// DeleteObjectsFiles returns the delete.json files the CLI equivalents of
// DeleteVersionsPlan refer to, batch by batch; none for a single version,
// which is deleted with delete-object.
func DeleteObjectsFiles(versions []ObjectVersionRef) []DeleteJSONFile {
	refs := uniqueRefs(versions)
	if len(refs) < 2 {
		return nil
	}
	inXML, _ := splitXMLKeys(refs) // the others are deleted one by one with delete-object
	batches := deleteBatches(inXML)
	files := make([]DeleteJSONFile, len(batches))
	for i, b := range batches {
		files[i] = DeleteJSONFile{Name: DeleteJSONFileName(i, len(batches)), Content: deleteObjectsJSON(b)}
	}
	return files
}

// deleteObjectsJSON renders one batch as the aws CLI's Delete structure.
func deleteObjectsJSON(batch []ObjectVersionRef) string {
	type object struct {
		Key       string `json:"Key"`
		VersionID string `json:"VersionId"`
	}
	doc := struct {
		Objects []object `json:"Objects"`
		Quiet   bool     `json:"Quiet"`
	}{Objects: make([]object, len(batch))}
	for i, r := range batch {
		doc.Objects[i] = object{Key: r.Key, VersionID: r.VersionID}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // keys stay readable: "a&b" rather than "a\u0026b"
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		// Only strings and a bool are encoded: this cannot fail.
		panic(err)
	}
	return buf.String()
}
