using System.Diagnostics;
using Conformance.Harness.Checks;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests;

/// <summary>
/// The reference server started with the documented command (<c>./run.sh reference --port …</c>) and
/// tested by URL with the documented profile gives the same verdicts as the embedded run.
/// </summary>
public sealed class ByUrlTests(CleanReferenceRun embedded) : IClassFixture<CleanReferenceRun>
{
    [Fact]
    public async Task Reference_by_url_gets_the_same_verdicts_as_embedded()
    {
        var port = FakeServer.FreePort();
        const string secret = "by-url-shared-secret";
        using var server = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Repo.RunnerDll, "reference", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--shared-secret", secret },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            var banner = await server.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);
            Assert.Contains($"listening on http://127.0.0.1:{port}", banner);

            var byUrl = await CliRun.ExecuteAsync("--profile", Repo.File("fixtures/profiles/reference-by-url.yaml"),
                "--target-url", $"http://127.0.0.1:{port}", "--shared-secret", secret);
            Assert.True(byUrl.ExitCode == 0, byUrl.ToString());
            Assert.Equal("url", byUrl.Results.Target.Kind);
            Assert.Equal(Verdicts(embedded.Run), Verdicts(byUrl));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    private static List<string> Verdicts(CliRun run) =>
        run.Results.Results.Select(r => $"{r.Id} {r.Case} {r.Verdict.Name()}").Order().ToList();
}
