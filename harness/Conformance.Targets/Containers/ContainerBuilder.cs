using System.Text.Json.Nodes;

namespace Conformance.Targets.Containers;

/// <summary>
/// Describes a container the Testcontainers way: image, ports published on a random 127.0.0.1 port,
/// environment, labels, files to copy in, a wait strategy and a startup timeout. <see cref="Build"/> gives
/// a <see cref="DockerContainer"/> that is created and started by <c>StartAsync</c> and removed on dispose.
/// </summary>
public sealed class ContainerBuilder
{
    private string? _image;
    private string? _name;
    private readonly List<int> _ports = [];
    private readonly Dictionary<string, string> _environment = [];
    private readonly Dictionary<string, string> _labels = [];
    private readonly List<(string Path, string Content)> _files = [];
    private List<string>? _command;
    private WaitForContainer _wait = Wait.ForUnixContainer();
    private TimeSpan _startupTimeout = TimeSpan.FromSeconds(60);
    private bool _cleanUp = true;

    public ContainerBuilder WithImage(string image) { _image = image; return this; }
    public ContainerBuilder WithName(string name) { _name = name; return this; }
    public ContainerBuilder WithPortBinding(int containerPort) { _ports.Add(containerPort); return this; }
    public ContainerBuilder WithEnvironment(string name, string value) { _environment[name] = value; return this; }
    public ContainerBuilder WithLabel(string name, string value) { _labels[name] = value; return this; }
    public ContainerBuilder WithCommand(params string[] command) { _command = [.. command]; return this; }
    /// <summary>A file written into the container before it starts (configuration).</summary>
    public ContainerBuilder WithResourceMapping(string content, string containerPath) { _files.Add((containerPath, content)); return this; }
    public ContainerBuilder WithWaitStrategy(WaitForContainer wait) { _wait = wait; return this; }
    public ContainerBuilder WithStartupTimeout(TimeSpan timeout) { _startupTimeout = timeout; return this; }
    /// <summary>False keeps the container after dispose (--keep).</summary>
    public ContainerBuilder WithCleanUp(bool cleanUp) { _cleanUp = cleanUp; return this; }

    public DockerContainer Build(DockerClient client)
    {
        if (_image is null) throw new InvalidOperationException("A container needs an image.");
        var exposed = new JsonObject();
        var bindings = new JsonObject();
        foreach (var port in _ports)
        {
            exposed[$"{port}/tcp"] = new JsonObject();
            // Loopback only, on a port the engine picks: nothing the suite starts is reachable from outside.
            bindings[$"{port}/tcp"] = new JsonArray(new JsonObject { ["HostIp"] = "127.0.0.1", ["HostPort"] = "" });
        }
        var spec = new JsonObject
        {
            ["Image"] = _image,
            ["Env"] = new JsonArray(_environment.Select(kv => (JsonNode)$"{kv.Key}={kv.Value}").ToArray()),
            ["Labels"] = new JsonObject(_labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["ExposedPorts"] = exposed,
            ["HostConfig"] = new JsonObject { ["PortBindings"] = bindings, ["Init"] = true },
        };
        if (_command is not null) spec["Cmd"] = new JsonArray(_command.Select(c => (JsonNode)c).ToArray());
        return new DockerContainer(client, spec, _name, _files, _wait.Strategies, _startupTimeout, _cleanUp);
    }
}
