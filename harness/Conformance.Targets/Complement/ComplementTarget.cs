using System.Text;
using Conformance.Harness.Profiles;
using Conformance.Harness.Targets;
using Conformance.Targets.Containers;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Networks;

namespace Conformance.Targets.Complement;

/// <summary>
/// An image built to Complement's contract, started the way Complement's deployer starts it, so an image a
/// homeserver project already has for Complement runs unchanged: <c>SERVER_NAME=hs1</c>, a per-run CA and
/// the appservice registration copied in before start, its own network with the alias <c>hs1</c> and
/// <c>host.docker.internal</c> pointing at this machine, ports 8008 (client, plain HTTP) and 8448
/// (federation) published, and ready when the image's HEALTHCHECK (if it has one) says healthy and then
/// <c>GET /_matrix/client/versions</c> answers 200. URLs the server advertises under its internal names
/// are sent to the published ports.
/// </summary>
public sealed class ComplementTarget : ITarget
{
    public const string ServerName = "hs1";
    public const int ClientPort = 8008;
    public const int FederationPort = 8448;
    private static readonly TimeSpan LogMargin = TimeSpan.FromSeconds(5);

    private readonly INetwork? _network;
    public RunningContainer Running { get; }
    public ImageProvider.Outcome Image { get; }
    public bool HasHealthcheck { get; }
    public TargetKind Kind => TargetKind.Complement;
    public string BaseUrl { get; }
    public string FederationUrl { get; }
    public string? SharedSecret => null;
    public string? AppserviceToken { get; }
    public OriginAliases Aliases { get; }
    public ContainerFacts? Container => new(Running.Name, $"{Image.Image} ({Image.How})", Running.ReadyAfter);

    public string Description =>
        $"Complement image {Image.Image} ({Image.How}) as {ServerName} in container {Running.Name}, ready at {BaseUrl} after {Running.ReadyAfter.TotalSeconds:0.0} s"
        + (HasHealthcheck ? " (healthy, then /versions 200)." : " (/versions 200; the image has no HEALTHCHECK).");

    private ComplementTarget(RunningContainer running, INetwork? network, ImageProvider.Outcome image, bool healthcheck, string appserviceToken)
    {
        (Running, _network, Image, HasHealthcheck, AppserviceToken) = (running, network, image, healthcheck, appserviceToken);
        BaseUrl = running.UrlOf(ClientPort);
        FederationUrl = running.UrlOf(FederationPort, "https");
        Aliases = AliasesFor(BaseUrl, FederationUrl);
    }

    /// <summary>What the server may call itself from inside: its loopback (Synapse's Complement image
    /// advertises http://127.0.0.1:8008/) and its server name on either port.</summary>
    public static OriginAliases AliasesFor(string clientUrl, string federationUrl)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var host in new[] { "127.0.0.1", "localhost", ServerName })
        {
            map[$"http://{host}:{ClientPort}"] = clientUrl;
            map[$"https://{host}:{FederationPort}"] = federationUrl;
        }
        map[$"http://{ServerName}"] = clientUrl;
        map[$"https://{ServerName}"] = federationUrl;
        return new OriginAliases(map);
    }

    public static async Task<ComplementTarget> StartAsync(TargetProfile profile, TargetStartOptions options, CancellationToken ct)
    {
        var spec = profile.Target.Container!;
        var image = await ContainerPreparation.PrepareAsync(profile, options, ct);
        var healthcheck = await HasHealthcheckAsync(spec.Image, ct);
        var ca = ComplementCa.Create();
        var appservice = ComplementAppservice.Create(profile.Appservice?.Token);

        var network = new NetworkBuilder()
            .WithLogger(ContainerSetup.Quiet)
            .WithName($"conformance-{options.RunId}-{Guid.NewGuid().ToString("N")[..6]}")
            .WithLabel(ResourceReaper.Labels(options.RunId, options.Keep))
            .Build();
        try
        {
            await network.CreateAsync(ct);
        }
        catch (Docker.DotNet.DockerApiException e)
        {
            throw new TargetUnavailableException($"Cannot create the network for the {profile.Name} container: {e.Message}");
        }

        var wait = Wait.ForUnixContainer();
        if (healthcheck) wait = wait.UntilContainerIsHealthy(long.MaxValue);
        wait = wait.UntilHttpRequestIsSucceeded(r => r.ForPath("/_matrix/client/versions").ForPort(ClientPort), o => o.WithInterval(TimeSpan.FromMilliseconds(250)));

        var builder = ContainerSetup.ForRun(spec.Image, options.RunId, options.Keep)
            .WithPublishedPorts(ClientPort, FederationPort)
            .WithEnvironment("SERVER_NAME", ServerName)
            .WithNetwork(network)
            .WithNetworkAliases(ServerName)
            .WithExtraHost("host.docker.internal", "host-gateway")
            .WithCreateParameterModifier(p => (p.HostConfig ??= new()).CapAdd = ["NET_ADMIN"])
            .WithResourceMapping(Encoding.ASCII.GetBytes(ca.CertificatePem), ComplementCa.CertificatePath)
            .WithResourceMapping(Encoding.ASCII.GetBytes(ca.PrivateKeyPem), ComplementCa.KeyPath)
            .WithResourceMapping(Encoding.UTF8.GetBytes(appservice.Yaml), appservice.Path)
            .WithWaitStrategy(wait);
        foreach (var (k, v) in spec.Environment) builder = builder.WithEnvironment(k, v);
        foreach (var (inside, file) in spec.Files) builder = builder.WithResourceMapping(await File.ReadAllBytesAsync(Path.Combine(options.Root, file), ct), inside);
        if (spec.Command is { } command) builder = builder.WithCommand([.. command]);

        var readiness = (healthcheck ? "its HEALTHCHECK reports healthy, then " : "") + "GET /_matrix/client/versions on port 8008 answers 200";
        try
        {
            var running = await ContainerPreparation.StartAsync(builder.Build(), Durations.Parse(spec.ReadyTimeout), readiness, options, ct);
            return new ComplementTarget(running, options.Keep ? null : network, image, healthcheck, appservice.AsToken);
        }
        catch
        {
            if (!options.Keep) await ContainerSetup.RemoveAsync(network);
            throw;
        }
    }

    /// <summary>Complement waits for health only when the image defines a check (and "NONE" defines none).</summary>
    private static async Task<bool> HasHealthcheckAsync(string image, CancellationToken ct)
    {
        using var docker = await DockerEngine.ClientAsync(ct);
        var inspected = await ImageProvider.InspectAsync(docker, image, ct);
        return inspected?.Config?.Healthcheck?.Test is { Count: > 0 } test && test[0] != "NONE";
    }

    public Task<IReadOnlyList<ServerLogLine>> LogsSinceAsync(DateTimeOffset since, CancellationToken ct) => Running.LogsSinceAsync(since - LogMargin, ct);

    public async ValueTask DisposeAsync()
    {
        await Running.DisposeAsync();
        if (_network is not null) await ContainerSetup.RemoveAsync(_network);
    }
}
