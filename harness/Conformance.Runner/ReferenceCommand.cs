using Conformance.Targets;
using ReferenceHomeserver;

namespace Conformance.Runner;

/// <summary>Starts the reference homeserver on a fixed loopback port and waits for Ctrl-C, so it can be
/// tested "by URL" like any other server.</summary>
public sealed class ReferenceCommand(string? portText, string? sharedSecret, IReadOnlyList<string> defectNames, string? appserviceToken, TextWriter output)
{
    public async Task<int> ExecuteAsync(CancellationToken ct)
    {
        var port = int.TryParse(portText ?? "8008", out var p) && p is > 0 and < 65536 ? p : throw new UsageException($"--port '{portText}' is not a port number.");
        var secret = sharedSecret ?? Environment.GetEnvironmentVariable("CONFORMANCE_SHARED_SECRET")
                     ?? throw new UsageException("reference needs --shared-secret (or CONFORMANCE_SHARED_SECRET), the secret users are registered with.");
        HashSet<Defect> defects;
        try { defects = ReferenceTarget.ParseDefects(defectNames); }
        catch (UnknownDefectException e) { throw new UsageException(e.Message); }

        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions
        {
            SharedSecret = secret,
            Port = port,
            Defects = defects,
            AppserviceToken = appserviceToken ?? "reference-appservice-token",
        }, ct);
        output.WriteLine($"Reference homeserver {ReferenceServer.Version} listening on {server.BaseUrl} (server name {server.Options.ServerName}).");
        output.WriteLine(defects.Count == 0 ? "No defects switched on." : $"Defects: {string.Join(", ", defects.Select(d => d.ToName()))}.");
        output.WriteLine($"Test it with: ./run.sh --target-url {server.BaseUrl} --profile fixtures/profiles/reference-by-url.yaml");
        output.WriteLine("Ctrl-C stops it.");
        try { await Task.Delay(Timeout.Infinite, ct); }
        catch (OperationCanceledException) { }
        return ExitCodes.Conformant;
    }
}
