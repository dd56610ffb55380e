using Conformance.Tests.Support;
using ReferenceHomeserver;
using Xunit;

namespace Conformance.Tests;

/// <summary>
/// No secret the run used reaches any file it wrote, however the server formats or echoes it. The reference server remembers every token it issued
/// and every password, MAC and code it was sent; the test greps the whole output folder for each: the
/// results, logs, Allure results, JUnit, summary, badge, and the HTML report with its base64-embedded data
/// decoded.
/// </summary>
public sealed class SecretsAbsentTests
{
    [Fact]
    public async Task No_secret_appears_in_any_file_the_run_wrote()
    {
        const string secret = "secrets-test-shared-secret";
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { SharedSecret = secret, AppserviceToken = "reference-appservice-token" }, TestContext.Current.CancellationToken);
        var run = await CliRun.ExecuteAsync("--profile", Repo.File("fixtures/profiles/reference-by-url.yaml"), "--target-url", server.BaseUrl, "--shared-secret", secret);
        Assert.True(run.ExitCode == 0, run.ToString());

        var secrets = server.State.SecretsSeen.Distinct().ToList();
        Assert.True(secrets.Count > 20, $"only {secrets.Count} secrets were recorded; the test would prove little");
        var files = Directory.GetFiles(run.OutDir, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var leaks = (from file in files
                     let text = ReportText.Read(file)
                     from s in secrets
                     where text.Contains(s, StringComparison.Ordinal)
                     select $"{Path.GetRelativePath(run.OutDir, file)} contains a secret of {s.Length} characters").Distinct().ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.DoesNotContain(secret, run.Output + run.Error);
        Assert.Contains("[redacted]", File.ReadAllText(run.ResultsFile));
        Assert.Contains("[redacted]", ReportText.Read(Path.Combine(run.OutDir, "report", "index.html")));
    }

    /// <summary>
    /// A server that hands out tokens needing escaping (<c>/ + =</c>), in JSON that starts with whitespace and
    /// is pretty-printed with <c>+</c> written <c>\u002B</c>, and echoes every token and password it is sent:
    /// in headers, in error text, URL-encoded. Not one occurrence of any of them, in any written form
    /// (as is, URL-encoded, JSON-escaped), in any file the run wrote or on its console.
    /// </summary>
    [Fact]
    public async Task Tokens_a_server_echoes_in_odd_formatting_appear_in_no_file()
    {
        await using var server = await HostileServer.StartAsync(HostileMode.TokenEcho);
        var profile = TempProfile.Write($"name: token-echo\ntarget:\n  kind: url\nusers:\n  shared_secret: {HostileServer.SharedSecret}\nappservice:\n  token: hostile-appservice-token\n");
        var run = await CliRun.ExecuteAsync("--profile", profile, "--target-url", server.Url);
        Assert.True(run.ExitCode is 0 or 1, run.ToString());

        var secrets = server.Echo.Tokens.Concat(server.Upstream.State.SecretsSeen).Distinct().ToList();
        Assert.True(server.Echo.Tokens.Count > 20, $"only {server.Echo.Tokens.Count} tokens were handed out; the test would prove little");
        var forms = secrets.SelectMany(TokenEcho.WrittenForms).Distinct().ToList();
        var files = Directory.GetFiles(run.OutDir, "*", SearchOption.AllDirectories);
        var leaks = (from file in files
                     let text = ReportText.Read(file)
                     from form in forms
                     let count = Occurrences(text, form)
                     where count > 0
                     select $"{Path.GetRelativePath(run.OutDir, file)}: {count} × a secret of {form.Length} characters").ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} files hold secrets:\n" + string.Join("\n", leaks.Take(40)));
        Assert.DoesNotContain(forms, f => (run.Output + run.Error).Contains(f, StringComparison.Ordinal));
        Assert.Contains("[redacted]", File.ReadAllText(run.ResultsFile));
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
