// Command s3sec is a terminal console for the security settings of Amazon S3
// buckets: encryption, CORS, versioning and MFA Delete, access logging and
// encryption in transit. See README.md; the commands live in cmd/.
package main

import (
	"os"

	"github.com/s3sec/s3sec/cmd"
)

func main() { os.Exit(cmd.Main(os.Args[1:])) }
