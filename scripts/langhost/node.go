package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// resolveModule asks node which file `require(mod)` loads from dir, so the @pulumi/pulumi
// copy next to the program (not one bundled with us) runs it.
func resolveModule(dir, mod string) (string, error) {
	cmd := exec.Command("node", "-e", "console.log(require.resolve(process.argv[1]))", mod)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if strings.Contains(msg, "Cannot find module") {
			// plugin.go in the CLI matches this text to suggest `npm install` for policy packs.
			msg = fmt.Sprintf("Cannot find module '%s' from %s: run `npm install` there", mod, dir)
		}
		return "", fmt.Errorf("resolving %s with node: %v: %s", mod, err, msg)
	}
	return strings.TrimSpace(string(out)), nil
}

// runtimeOptions are the `runtime.options` of Pulumi.yaml / PulumiPolicy.yaml that we honour.
type runtimeOptions struct {
	typescript *bool
	nodeArgs   []string
	tsconfig   string
}

func readOptions(info *pulumirpc.ProgramInfo) runtimeOptions {
	var o runtimeOptions
	fields := info.GetOptions().GetFields()
	if v, ok := fields["typescript"]; ok {
		b := v.GetBoolValue() || v.GetStringValue() == "true"
		o.typescript = &b
	}
	if v, ok := fields["nodeargs"]; ok {
		o.nodeArgs = strings.Fields(v.GetStringValue())
	}
	if v, ok := fields["tsconfig"]; ok {
		o.tsconfig = v.GetStringValue()
	}
	return o
}

// useTypeScript decides whether @pulumi/pulumi/cmd/run should register ts-node. The official
// host defaults to true; we default to false unless the entry point is a .ts file, because our
// programs run compiled JavaScript and loading the TypeScript compiler costs seconds per run.
func (o runtimeOptions) useTypeScript(programDir, entry string) bool {
	if o.typescript != nil {
		return *o.typescript
	}
	if strings.HasSuffix(entry, ".ts") {
		return true
	}
	if entry != "" && entry != "." {
		return false
	}
	var pkg struct {
		Main string `json:"main"`
	}
	if data, err := os.ReadFile(filepath.Join(programDir, "package.json")); err == nil {
		_ = json.Unmarshal(data, &pkg)
	}
	if pkg.Main != "" {
		return strings.HasSuffix(pkg.Main, ".ts")
	}
	_, errTS := os.Stat(filepath.Join(programDir, "index.ts"))
	_, errJS := os.Stat(filepath.Join(programDir, "index.js"))
	return errTS == nil && errJS != nil
}

// mergeEnv returns base with every KEY=value of extra applied on top (later entries win).
func mergeEnv(base []string, extra ...string) []string {
	index := map[string]int{}
	out := make([]string, 0, len(base)+len(extra))
	for _, kv := range append(append([]string{}, base...), extra...) {
		key, _, _ := strings.Cut(kv, "=")
		if i, ok := index[key]; ok {
			out[i] = kv
			continue
		}
		index[key] = len(out)
		out = append(out, kv)
	}
	return out
}

func mustJSON(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(data)
}
