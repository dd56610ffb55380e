using System.Diagnostics;
using System.Formats.Tar;
using System.Text;
using System.Text.Json.Nodes;
using Conformance.Harness.Targets;

namespace Conformance.Targets.Containers;

/// <summary>A container started from a <see cref="ContainerBuilder"/>: create, copy files in, start, wait
/// until ready (or fail with the container's own logs), and stop and remove on dispose.</summary>
public sealed class DockerContainer : IAsyncDisposable
{
    private readonly DockerClient _client;
    private readonly JsonObject _spec;
    private readonly string? _name;
    private readonly IReadOnlyList<(string Path, string Content)> _files;
    private readonly IReadOnlyList<IWaitStrategy> _wait;
    private readonly TimeSpan _startupTimeout;
    private readonly Dictionary<int, int> _ports = [];

    public bool CleanUp { get; }
    public string Id { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Hostname => "127.0.0.1";
    public string Image => _spec["Image"]!.GetValue<string>();
    public TimeSpan ReadyAfter { get; private set; }

    internal DockerContainer(DockerClient client, JsonObject spec, string? name, IReadOnlyList<(string, string)> files, IReadOnlyList<IWaitStrategy> wait, TimeSpan startupTimeout, bool cleanUp)
    {
        _client = client;
        _spec = spec;
        _name = name;
        _files = files;
        _wait = wait;
        _startupTimeout = startupTimeout;
        CleanUp = cleanUp;
    }

    public int GetMappedPublicPort(int containerPort) =>
        _ports.TryGetValue(containerPort, out var p) ? p : throw new InvalidOperationException($"Port {containerPort} is not published.");

    /// <summary>False while the engine reports no binding, e.g. for a container that has already exited.</summary>
    public bool TryGetMappedPublicPort(int containerPort, out int port) => _ports.TryGetValue(containerPort, out port);

    public Task<JsonObject> InspectAsync(CancellationToken ct) => _client.InspectContainerAsync(Id, ct);

    public async Task StartAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        Id = await _client.CreateContainerAsync(_spec, _name, ct);
        foreach (var (path, content) in _files) await _client.PutArchiveAsync(Id, "/", Tar(path, content), ct);
        await _client.StartContainerAsync(Id, ct);

        var info = await InspectAsync(ct);
        Name = info["Name"]?.GetValue<string>().TrimStart('/') ?? Id[..12];
        foreach (var (key, value) in info["NetworkSettings"]?["Ports"] as JsonObject ?? [])
            if (value is JsonArray { Count: > 0 } bound && int.TryParse(key.Split('/')[0], out var inner))
                _ports[inner] = int.Parse(bound[0]!["HostPort"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(_startupTimeout);
        try
        {
            foreach (var strategy in _wait)
                while (!await strategy.UntilAsync(this, limit.Token))
                {
                    var state = (await InspectAsync(limit.Token))["State"];
                    if (state?["Running"]?.GetValue<bool>() == false)
                        throw new DockerException($"Container {Name} ({Image}) exited with code {state["ExitCode"]} before it was ready.\n{await TailAsync(ct)}");
                    await Task.Delay(250, limit.Token);
                }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new DockerException($"Container {Name} ({Image}) was not ready within {_startupTimeout.TotalSeconds:0} s ({string.Join("; ", _wait.Select(w => w.Description))}).\n{await TailAsync(ct)}");
        }
        ReadyAfter = clock.Elapsed;
    }

    public Task<IReadOnlyList<ServerLogLine>> GetLogsAsync(DateTimeOffset? since, CancellationToken ct) => _client.LogsAsync(Id, since, ct);

    private async Task<string> TailAsync(CancellationToken ct)
    {
        try
        {
            var lines = await GetLogsAsync(null, ct);
            return "Last lines of its log:\n" + string.Join('\n', lines.TakeLast(40).Select(l => "  " + l.Text));
        }
        catch (DockerException e)
        {
            return $"(its log could not be read: {e.Message})";
        }
    }

    private static byte[] Tar(string path, string content)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            var bytes = Encoding.UTF8.GetBytes(content);
            var entry = new PaxTarEntry(TarEntryType.RegularFile, path.TrimStart('/'))
            {
                DataStream = new MemoryStream(bytes),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            writer.WriteEntry(entry);
        }
        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        if (!CleanUp || Id.Length == 0) return;
        // Init: true in the spec makes a plain stop quick; removal is forced either way.
        await _client.RemoveContainerAsync(Id, CancellationToken.None);
    }
}
