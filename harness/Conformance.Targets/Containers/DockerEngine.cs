using Docker.DotNet;
using DotNet.Testcontainers.Configurations;

namespace Conformance.Targets.Containers;

/// <summary>
/// The Docker engine Testcontainers talks to, made ready once per process before Testcontainers reads its
/// settings (it reads them once, at first use): Ryuk off, because its image cannot be pulled where no
/// registry answers (our labels reap instead, see <see cref="ResourceReaper"/>); and the Engine API
/// version pinned to the engine's own when the engine is older than what Testcontainers asks for, so an
/// older engine (Debian 12's Docker 20.10 speaks 1.41) works, and a newer one is left alone.
/// </summary>
public static class DockerEngine
{
    /// <summary>The Engine API version Testcontainers 4.x requests unless told otherwise.</summary>
    public static readonly Version TestcontainersApiVersion = new(1, 44);

    public const string DefaultSocket = "unix:///var/run/docker.sock";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Availability? _known;

    /// <summary>Whether an engine answers, and what it speaks; <see cref="Problem"/> says why not.</summary>
    public sealed record Availability(bool Ok, string Endpoint, string? Problem, Version? ApiVersion, string? ServerVersion);

    /// <summary>Where the engine is: <c>DOCKER_HOST</c>, else the default socket.</summary>
    public static string Endpoint =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : DefaultSocket;

    /// <summary>Asks the engine its version (an unversioned request, which any engine answers) and
    /// configures Testcontainers for it. Asked once per process; the answer is kept.</summary>
    public static async Task<Availability> ConnectAsync(CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            return _known ??= await DetectAsync(ct);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<Availability> DetectAsync(CancellationToken ct)
    {
        var endpoint = Endpoint;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("unix" or "tcp" or "http" or "https"))
            return new Availability(false, endpoint, $"DOCKER_HOST '{endpoint}' is neither unix:// nor tcp://", null, null);
        try
        {
            using var client = new DockerClientBuilder().WithEndpoint(uri).WithTimeout(TimeSpan.FromSeconds(15)).Build();
            var version = await client.System.GetVersionAsync(ct);
            var api = Version.TryParse(version.APIVersion, out var v) ? v : null;
            Configure(api);
            return new Availability(true, endpoint, null, api, version.Version);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new Availability(false, endpoint, $"no Docker engine answers at {endpoint} ({Innermost(e).Message})", null, null);
        }
    }

    private static void Configure(Version? engineApi)
    {
        // Inside a container (/.dockerenv) Testcontainers reaches published ports through the bridge's
        // gateway; an engine on this machine publishes them on loopback, where they are reached directly.
        if (ContainerSetup.BindAddress == "127.0.0.1" && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TESTCONTAINERS_HOST_OVERRIDE")))
            Environment.SetEnvironmentVariable("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1");
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED")))
            Environment.SetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED", "true");
        if (engineApi is not null && engineApi < TestcontainersApiVersion && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_API_VERSION")))
            Environment.SetEnvironmentVariable("DOCKER_API_VERSION", engineApi.ToString(2));
    }

    /// <summary>A client of the engine API Testcontainers itself uses, at the version it settled on, for
    /// what Testcontainers has no verb for (listing by label, image comments).</summary>
    public static async Task<IDockerClient> ClientAsync(CancellationToken ct)
    {
        var availability = await ConnectAsync(ct);
        if (!availability.Ok) throw new DockerException(availability.Problem!);
        var config = TestcontainersSettings.OS.DockerEndpointAuthConfig
            ?? throw new DockerException($"Testcontainers found no Docker engine although {availability.Endpoint} answers.");
        return config.GetDockerClientBuilder().Build();
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
