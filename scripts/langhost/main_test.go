package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestParseArgs(t *testing.T) {
	cases := []struct {
		args            []string
		engine, tracing string
	}{
		{[]string{"127.0.0.1:1234"}, "127.0.0.1:1234", ""},
		{[]string{"--tracing", "http://t", "--logtostderr", "-v=9", "127.0.0.1:1"}, "127.0.0.1:1", "http://t"},
		{[]string{"-root=/x", "-typescript=false", "-nodeargs=--inspect", "--unknown", "e:1"}, "e:1", ""},
		{[]string{"-tracing=http://t", "e:2"}, "e:2", "http://t"},
		{nil, "", ""},
	}
	for _, c := range cases {
		engine, tracing := parseArgs(c.args)
		if engine != c.engine || tracing != c.tracing {
			t.Errorf("parseArgs(%q) = %q, %q; want %q, %q", c.args, engine, tracing, c.engine, c.tracing)
		}
	}
}

func TestMergeEnv(t *testing.T) {
	got := mergeEnv([]string{"A=1", "B=2"}, "B=3", "C=4")
	want := []string{"A=1", "B=3", "C=4"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mergeEnv = %q, want %q", got, want)
	}
}

func TestPolicyPackRunnerPrefersThePacksOwnSDK(t *testing.T) {
	pack := t.TempDir()
	own := filepath.Join(pack, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack", "index.js")
	if err := os.MkdirAll(filepath.Dir(own), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(own, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := policyPackRunner(pack)
	if err != nil || got != own {
		t.Errorf("policyPackRunner = %q, %v; want %q", got, err, own)
	}
}
