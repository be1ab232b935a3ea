package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// RunPlugin starts a plugin written in Node.js. Only policy packs (kind "analyzer") are
// supported: the CLI (>= 3.221) starts `--policy-pack DIR` this way when a nodejs language
// host exists. The pack prints its gRPC port on stdout, which we forward for the CLI to read.
//
// Unlike the official host we start the pack directly, without a proxy that captures the
// stack configuration first: packs then see no PULUMI_CONFIG, so `new pulumi.Config()` inside
// a pack is empty. Policy configuration (--policy-pack-config) and stack tags still work,
// because @pulumi/policy receives them over gRPC (Configure / ConfigureStack).
func (h *languageHost) RunPlugin(
	req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer,
) error {
	out := &streamSender{server: server}
	fail := func(msg string) error {
		out.send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: []byte(msg + "\n")}})
		return out.send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: 1}})
	}

	if kind := req.GetKind(); kind != "analyzer" {
		return fail(fmt.Sprintf("pulumi-language-nodejs: plugin kind %q is not supported (only analyzer policy packs)", kind))
	}
	packDir := req.GetInfo().GetProgramDirectory()
	if packDir == "" {
		packDir = req.GetPwd()
	}

	// Of the arguments (log and tracing flags, then the engine address) run-policy-pack takes
	// only `<engine> <program>`: its argv parser would swallow the address as a flag value.
	args := req.GetArgs()
	if len(args) == 0 {
		return fail("pulumi-language-nodejs: RunPlugin got no engine address")
	}
	engine := args[len(args)-1]

	runPath, err := policyPackRunner(packDir)
	if err != nil {
		return fail(err.Error())
	}

	opts := readOptions(req.GetInfo())
	nodeArgs := append(append([]string{}, opts.nodeArgs...), runPath, engine, ".")
	cmd := exec.CommandContext(server.Context(), "node", nodeArgs...)
	// @pulumi/policy reads the pack version from ./package.json, so cwd must be the pack.
	cmd.Dir = packDir
	cmd.Env = mergeEnv(os.Environ(), req.GetEnv()...)
	if opts.tsconfig != "" {
		cmd.Env = mergeEnv(cmd.Env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}
	cmd.Stdout = &streamWriter{sender: out, stderr: false}
	cmd.Stderr = &streamWriter{sender: out, stderr: true}
	// Do not hang on output pipes held open by grandchildren once node itself has exited.
	cmd.WaitDelay = 5 * time.Second

	code := int32(0)
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			return fail(fmt.Sprintf("could not run node: %v", err))
		}
		code = int32(exitErr.ExitCode())
	}
	return out.send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: code}})
}

// policyPackRunner finds @pulumi/pulumi's run-policy-pack for a pack. A pack with its own
// dependencies installed (the layout the official host requires: it runs
// <pack>/node_modules/@pulumi/pulumi/cmd/run-policy-pack) uses that copy; a pack folder without
// node_modules (this repository's policy/) resolves it the way Node would, walking up.
func policyPackRunner(packDir string) (string, error) {
	own := filepath.Join(packDir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack", "index.js")
	if _, err := os.Stat(own); err == nil {
		return own, nil
	}
	return resolveModule(packDir, "@pulumi/pulumi/cmd/run-policy-pack")
}

// streamSender serialises Send calls: gRPC streams must not be written from two goroutines
// at once, and exec copies stdout and stderr concurrently.
type streamSender struct {
	mu     sync.Mutex
	server pulumirpc.LanguageRuntime_RunPluginServer
}

func (s *streamSender) send(msg *pulumirpc.RunPluginResponse) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.server.Send(msg)
}

type streamWriter struct {
	sender *streamSender
	stderr bool
}

func (w *streamWriter) Write(p []byte) (int, error) {
	// Copy: exec reuses its buffer after Write returns.
	data := append([]byte(nil), p...)
	msg := &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: data}}
	if w.stderr {
		msg.Output = &pulumirpc.RunPluginResponse_Stderr{Stderr: data}
	}
	if err := w.sender.send(msg); err != nil {
		return 0, err
	}
	return len(p), nil
}
