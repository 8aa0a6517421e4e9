package awsops

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseCORSJSON(t *testing.T) {
	full := `{"CORSRules":[{"ID":"console","AllowedOrigins":["https://app.example.com"],"AllowedMethods":["GET","PUT"],` +
		`"AllowedHeaders":["*"],"ExposeHeaders":["ETag"],"MaxAgeSeconds":3000}]}`
	got, err := ParseCORSJSON([]byte(full))
	if err != nil {
		t.Fatal(err)
	}
	want := []CORSRule{{ID: "console", AllowedOrigins: []string{"https://app.example.com"}, AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"*"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: i32(3000)}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	back, err := ParseCORSJSON(FormatCORSJSON(got))
	if err != nil || !reflect.DeepEqual(back, want) {
		t.Fatalf("round trip: %+v, %v\n%s", back, err, FormatCORSJSON(got))
	}

	for _, tc := range []struct{ name, in, want string }{
		{"empty", "  ", "is empty"},
		{"syntax error with position", "{\n  \"CORSRules\": [\n    {\"AllowedOrigins\": [\"*\"],,}\n  ]\n}", "line 3, column 30: malformed JSON: invalid character ','"},
		{"truncated", `{"CORSRules":[`, "line 1, column 15: malformed JSON"},
		{"trailing text", `{"CORSRules":[]} x`, "line 1, column 18: unexpected text after"},
		{"not an object", `[]`, "line 1, column 1"},
		{"null", `null`, `must be an object {"CORSRules"`},
		{"no rules key", `{}`, `no "CORSRules" list`},
		{"unknown top field", `{"CORSRules":[],"Rules":[]}`, `the configuration has an unknown field "Rules" (known: CORSRules)`},
		{"unknown rule field, singular", `{"CORSRules":[{"AllowedOrigin":["*"]}]}`, `rule 1 has an unknown field "AllowedOrigin" (did you mean "AllowedOrigins"?)`},
		{"case matters", `{"CORSRules":[{"AllowedMethods":["GET"]},{"allowedmethods":["GET"]}]}`, `rule 2 has an unknown field "allowedmethods" (did you mean "AllowedMethods"?)`},
		{"rule not an object", `{"CORSRules":[1]}`, "rule 1 must be an object"},
		{"rules not a list", `{"CORSRules":{}}`, `"CORSRules" must be a list`},
		{"origins a string", "{\"CORSRules\":[\n{\"AllowedOrigins\":\"*\"}]}", "line 2, column 19: AllowedOrigins must be a list, not string"},
		{"number position", "{\"CORSRules\":[{\"MaxAgeSeconds\": \"60\"}]}", "line 1, column 33: MaxAgeSeconds must be a whole number in range, not string"},
		{"max age too big", `{"CORSRules":[{"MaxAgeSeconds":99999999999}]}`, "MaxAgeSeconds must be a whole number in range, not number 99999999999"},
		{"max age fractional", `{"CORSRules":[{"MaxAgeSeconds":1.5}]}`, "MaxAgeSeconds must be a whole number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseCORSJSON([]byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestFormatCORSJSONShape(t *testing.T) {
	got := string(FormatCORSJSON([]CORSRule{{AllowedOrigins: []string{"https://a.example"}, AllowedMethods: []string{"GET"}}}))
	want := "{\n  \"CORSRules\": [\n    {\n      \"AllowedOrigins\": [\n        \"https://a.example\"\n      ],\n      \"AllowedMethods\": [\n        \"GET\"\n      ]\n    }\n  ]\n}\n"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

// FuzzParseCORSJSON: the parser never panics, and what it accepts prints
// back to a document that parses to the same rules.
func FuzzParseCORSJSON(f *testing.F) {
	for _, s := range []string{
		`{"CORSRules":[{"ID":"x","AllowedOrigins":["*"],"AllowedMethods":["GET"],"AllowedHeaders":["*"],"ExposeHeaders":["ETag"],"MaxAgeSeconds":0}]}`,
		`{"CORSRules":[]}`, `{"CORSRules":null}`, `{}`, `null`, `[`, `{"CORSRules":[{"AllowedOrigin":[]}]}`,
		`{"CORSRules":[{"MaxAgeSeconds":-1}]} `, "{\"CORSRules\":[{\"ID\":\"\\u00e9<&>\"}]}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rules, err := ParseCORSJSON(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		back, err := ParseCORSJSON(FormatCORSJSON(rules))
		if err != nil {
			t.Fatalf("printed rules do not parse: %v", err)
		}
		if !reflect.DeepEqual(normalCORS(back), normalCORS(rules)) {
			t.Fatalf("round trip changed the rules:\n%+v\n%+v", rules, back)
		}
	})
}

// normalCORS treats an empty list like none, as the printed JSON does.
func normalCORS(rs []CORSRule) []CORSRule {
	out := []CORSRule{}
	for _, r := range rs {
		for _, l := range []*[]string{&r.AllowedOrigins, &r.AllowedMethods, &r.AllowedHeaders, &r.ExposeHeaders} {
			if len(*l) == 0 {
				*l = nil
			}
		}
		out = append(out, r)
	}
	return out
}
