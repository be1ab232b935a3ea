// Command pulumi-language-nodejs is a minimal Node.js language host for the Pulumi CLI.
//
// The official host cannot be fetched from the Go module proxy, so this one does only what
// this project needs: run a JavaScript program through @pulumi/pulumi/cmd/run, and start a
// local policy pack through @pulumi/pulumi/cmd/run-policy-pack. Plugin and dependency
// discovery is deliberately empty: our programs use dynamic providers only, whose
// `pulumi-resource-pulumi-nodejs` shim the CLI finds on PATH.
package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// version is reported by GetPluginInfo; install-pulumi.sh stamps it with -ldflags "-X main.version=…".
var version = "3.259.0"

func main() {
	engine, tracing := parseArgs(os.Args[1:])
	if engine == "" {
		fmt.Fprintln(os.Stderr, "usage: pulumi-language-nodejs [flags] <engine-address>")
		os.Exit(1)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Exit when the engine goes away, so an interrupted CLI does not leave us running.
	if err := rpcutil.Healthcheck(ctx, engine, 5*time.Minute, cancel); err != nil {
		fmt.Fprintf(os.Stderr, "could not start health check: %v\n", err)
		os.Exit(1)
	}

	host := &languageHost{engineAddress: engine, tracing: tracing}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
		Options: rpcutil.OTelServerInterceptorOptions(),
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "could not start language host RPC server: %v\n", err)
		os.Exit(1)
	}

	// The CLI reads the port from the first line of stdout.
	fmt.Println(handle.Port)

	select {
	case err := <-handle.Done:
		if err != nil {
			fmt.Fprintf(os.Stderr, "language host RPC server stopped: %v\n", err)
			os.Exit(1)
		}
	case <-ctx.Done():
	}
}

// parseArgs accepts any flags, known or not, and returns the engine address (the last
// positional argument) and the tracing endpoint. Flags are not parsed with the flag package
// because the CLI and old project settings pass flags we do not define (-root, -typescript,
// -nodeargs, -v, --logtostderr…), and an unknown flag must not stop the host.
func parseArgs(args []string) (engine, tracing string) {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			engine = arg
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if name == "tracing" {
			// The CLI passes `--tracing <url>` as two arguments.
			if !hasValue && i+1 < len(args) {
				i++
				value = args[i]
			}
			tracing = value
		}
	}
	return engine, tracing
}
