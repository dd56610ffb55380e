using System.Security.Cryptography;
using Conformance.Harness.Catalogue;
using Conformance.Harness.Checks;
using Conformance.Harness.Layout;
using Conformance.Harness.Matrix;
using Conformance.Harness.Profiles;
using Conformance.Harness.Results;
using Conformance.Harness.Provisioning;
using Conformance.Harness.Secrets;
using Conformance.Harness.Targets;
using Conformance.Targets;

namespace Conformance.Suites.Common;

/// <summary>
/// Everything a suite process shares: the run configuration, one HTTP client, the catalogues, the
/// secret registry and the result sink. Built from the runner's <see cref="RunConfig"/>; when a suite is
/// run on its own (<c>dotnet test</c>), it starts the default profile's target itself.
/// </summary>
public sealed class SuiteContext : IAsyncDisposable
{
    public required string SuiteName { get; init; }
    public required RunConfig Config { get; init; }
    public required RepositoryLayout Layout { get; init; }
    public required SecretRegistry Secrets { get; init; }
    public required Redactor Redactor { get; init; }
    public required MatrixClient Client { get; init; }
    public required EndpointCatalogue Endpoints { get; init; }
    public required CheckCatalogue Checks { get; init; }
    public required IAccountProvisioner Provisioner { get; init; }
    public required SessionFactory Sessions { get; init; }
    public required TargetIdentity Identity { get; init; }
    public ResultSink Sink { get; } = new();
    public required AccountPool Accounts { get; init; }

    public TargetProfile Profile => Config.Profile;
    public string RunId => Config.RunId;
    public TimeSpan RequestTimeout => Durations.Parse(Profile.Timeouts.Request);
    /// <summary>Cancelled when the run as a whole must stop.</summary>
    public CancellationToken Cancellation => _cancellation.Token;

    private readonly CancellationTokenSource _cancellation = new();
    private ITarget? _ownTarget;

    public static async Task<SuiteContext> CreateAsync(string suiteName)
    {
        var layout = RepositoryLayout.Locate();
        var (config, ownTarget) = RunConfig.FromEnvironment() is { } given ? (given, null) : await StandAloneAsync(layout, suiteName);
        ParentWatchdog.Start(config.ParentProcessId);

        var secrets = new SecretRegistry();
        secrets.Add(config.Credentials.SharedSecret);
        secrets.Add(config.Profile.Appservice?.Token);
        secrets.Add(config.Profile.Oauth.ClientSecret);
        foreach (var account in config.Profile.Users.Accounts.Values) secrets.Add(account.Password);
        var redactor = new Redactor(secrets);
        var client = new MatrixClient(config.TargetUrl, redactor, Durations.Parse(config.Profile.Timeouts.Request));
        // The runner probed the target already; only a suite run on its own asks it who it is.
        var identity = config.Identity ?? await TargetProbe.ProbeAsync(client, Durations.Parse(config.Profile.Timeouts.Ready));
        IAccountProvisioner provisioner = config.Profile.Users.Method == "given"
            ? new GivenAccounts(config.Profile.Users.Accounts, secrets)
            : new SharedSecretRegistrar(client, config.Credentials.SharedSecret ?? "", config.Profile.Users.RegisterPath, config.Profile.Users.LocalpartPrefix, config.RunId, secrets);

        return new SuiteContext
        {
            SuiteName = suiteName,
            Config = config,
            Layout = layout,
            Secrets = secrets,
            Redactor = redactor,
            Client = client,
            Endpoints = EndpointCatalogue.Load(layout.EndpointCatalogueFile),
            Checks = CheckCatalogue.Load(layout.CheckCatalogueFile),
            Provisioner = provisioner,
            Accounts = new AccountPool(provisioner, CancellationToken.None),
            Sessions = new SessionFactory(client),
            Identity = identity,
            _ownTarget = ownTarget,
        };
    }

    /// <summary>A suite run on its own (<c>dotnet test</c>): the default profile's target, started here
    /// through the same factory the runner uses, and stopped when the suite ends.</summary>
    private static async Task<(RunConfig, ITarget?)> StandAloneAsync(RepositoryLayout layout, string suiteName)
    {
        var profile = ProfileLoader.Load(layout.DefaultProfile);
        var runId = NewRunId();
        var target = await TargetFactory.StartAsync(profile, new TargetStartOptions(layout.Root, runId, Keep: false, TextWriter.Null));
        var config = new RunConfig
        {
            RunId = runId,
            TargetName = profile.Name,
            TargetKind = target.Kind,
            TargetUrl = target.BaseUrl,
            Profile = profile,
            ProfilePath = layout.DefaultProfile,
            Credentials = RunCredentials.Of(profile, target),
            PartFile = Path.Combine(layout.Root, "artifacts", "suite-results", suiteName + ".json"),
            OutDir = Path.Combine(layout.Root, "artifacts", "suite-results"),
        };
        return (config, target);
    }

    /// <summary>Short and lowercase, so it fits in localparts and device IDs.</summary>
    public static string NewRunId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    public CheckDefinition Check(string id) => Checks[id];

    public async ValueTask DisposeAsync()
    {
        await _cancellation.CancelAsync();
        var part = new SuitePart { Suite = SuiteName, Identity = Identity, Features = Sink.Features, Results = Sink.Results };
        Directory.CreateDirectory(Path.GetDirectoryName(Config.PartFile)!);
        await File.WriteAllTextAsync(Config.PartFile, Redactor.Scrub(part.ToJson()));
        Client.Dispose();
        if (_ownTarget is not null) await _ownTarget.DisposeAsync();
    }
}
