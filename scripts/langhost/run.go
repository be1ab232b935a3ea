package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// exitAfterReporting is the exit code @pulumi/pulumi/cmd/run uses when it has already shown
// the error to the user; the engine should then stop without printing anything more.
const exitAfterReporting = 32

func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	programDir := info.GetProgramDirectory()
	if programDir == "" {
		programDir = req.GetPwd()
	}
	entry := info.GetEntryPoint()
	if entry == "" {
		entry = req.GetProgram()
	}
	if entry == "" {
		entry = "."
	}

	runPath, err := resolveModule(programDir, "@pulumi/pulumi/cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	opts := readOptions(info)
	args := append([]string{}, opts.nodeArgs...)
	args = append(args, runPath,
		"--monitor="+req.GetMonitorAddress(),
		"--engine="+h.engineAddress,
		"--organization="+req.GetOrganization(),
		"--project="+req.GetProject(),
		"--stack="+req.GetStack(),
		"--pwd="+programDir,
		"--parallel="+strconv.Itoa(int(req.GetParallel())),
	)
	if root := info.GetRootDirectory(); root != "" {
		args = append(args, "--root-directory="+root)
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetQueryMode() {
		args = append(args, "--query-mode=true")
	}
	if h.tracing != "" {
		args = append(args, "--tracing="+h.tracing)
	}
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	// A stack without config sends no map: the SDK needs "{}", not "null".
	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	env := []string{
		"PULUMI_CONFIG=" + mustJSON(config),
		"PULUMI_CONFIG_SECRET_KEYS=" + mustJSON(secretKeys),
		"PULUMI_NODEJS_TYPESCRIPT=" + strconv.FormatBool(opts.useTypeScript(programDir, entry)),
	}
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = programDir
	cmd.Env = mergeEnv(os.Environ(), env...)
	// The CLI shows our own stdout/stderr to the user, so the program's output flows through.
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr

	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run node: %v", err)}, nil
		}
		switch code := exitErr.ExitCode(); code {
		case exitAfterReporting:
			return &pulumirpc.RunResponse{Bail: true}, nil
		case -1:
			return &pulumirpc.RunResponse{Error: "Program exited unexpectedly: " + exitErr.String()}, nil
		default:
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", code),
			}, nil
		}
	}
	return &pulumirpc.RunResponse{}, nil
}
