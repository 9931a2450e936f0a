using MlNetNeural.Core.Adaptation;
using MlNetNeural.Core.Training;
using MlNetNeural.Models;
using MlNetNeural.Transformers;

namespace MlNetNeural.FineTuning;

/// <summary>
/// What fine-tuning changed in an MLP, kept apart from the model it started from: LoRA factors, new or fully trained
/// layers, and the tuned model's task, class names and trainer options. With LoRA and a frozen body it is a few kilobytes,
/// so one base model can serve many sites or products, each with its own adapter. <see cref="ApplyTo(MlpModelParameters)"/>
/// rebuilds the tuned model after checking, by a SHA-256 fingerprint of its network, that the base is the model the
/// adapter was made from. The tuned model's per-epoch history is not part of the adapter.
/// </summary>
/// <example>
/// <code>
/// MlpAdapter.Extract(pretrained.LastTransformer.Model, tuned.Model).Save("site-a.mlna");
/// var siteModel = MlpAdapter.Load("site-a.mlna").ApplyTo(pretrained.LastTransformer);
/// </code>
/// </example>
public sealed class MlpAdapter
{
    private const string TaskKey = "mlp.task", ClassKey = "mlp.class", OptionPrefix = "mlp.option.";

    private MlpAdapter(NetworkAdapter network, MlpTask task, IReadOnlyList<string> classNames, IReadOnlyList<KeyValuePair<string, string>> trainerOptions)
    {
        Network = network;
        Task = task;
        ClassNames = classNames;
        TrainerOptions = trainerOptions;
    }

    /// <summary>The network part: which layers are the base's, which carry LoRA factors, which are new.</summary>
    public NetworkAdapter Network { get; }

    /// <summary>The tuned model's task.</summary>
    public MlpTask Task { get; }

    /// <summary>The tuned model's class names (multiclass), in score order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The tuned model's trainer options, as recorded in it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> TrainerOptions { get; }

    /// <summary>The adapter that turns <paramref name="baseModel"/> into <paramref name="tuned"/> (fine-tuned from it).</summary>
    /// <param name="baseModel">The model fine-tuning started from.</param>
    /// <param name="tuned">The fine-tuned model.</param>
    public static MlpAdapter Extract(MlpModelParameters baseModel, MlpModelParameters tuned)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(tuned);
        var metadata = new List<KeyValuePair<string, string>> { new(TaskKey, tuned.Task.ToString()) };
        metadata.AddRange(tuned.ClassNames.Select(name => new KeyValuePair<string, string>(ClassKey, name)));
        metadata.AddRange(tuned.TrainerOptions.Select(option => new KeyValuePair<string, string>(OptionPrefix + option.Key, option.Value)));
        return new MlpAdapter(NetworkAdapter.Extract(baseModel.Network, tuned.Network, metadata), tuned.Task, tuned.ClassNames, tuned.TrainerOptions);
    }

    /// <summary>The tuned model, rebuilt from <paramref name="baseModel"/> (which is not changed).</summary>
    /// <param name="baseModel">The model the adapter was made from.</param>
    /// <exception cref="ArgumentException">The model is not the adapter's base.</exception>
    public MlpModelParameters ApplyTo(MlpModelParameters baseModel)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        var history = TrainingHistory.Restore(baseModel.History.MetricName, 0, StopReason.MaxEpochsReached,
            "This model was rebuilt from a fine-tuning adapter; its training history is not part of the adapter.", 0, 0, 0, []);
        return new MlpModelParameters(Task, Network.ApplyTo(baseModel.Network), ClassNames, history, TrainerOptions);
    }

    /// <summary>A prediction transformer for the tuned model, reading the same feature column as <paramref name="baseTransformer"/>.</summary>
    /// <param name="baseTransformer">The transformer of the model the adapter was made from (e.g. a loaded pipeline's last transformer).</param>
    public MlpPredictionTransformer ApplyTo(MlpPredictionTransformer baseTransformer)
    {
        ArgumentNullException.ThrowIfNull(baseTransformer);
        return MlpPredictionTransformer.Create(ApplyTo(baseTransformer.Model), baseTransformer.FeatureColumnName);
    }

    /// <summary>The adapter's file form (see <see cref="NetworkAdapter.ToBytes"/>).</summary>
    public byte[] ToBytes() => Network.ToBytes();

    /// <summary>Reads an adapter written by <see cref="ToBytes"/> or <see cref="Save"/>.</summary>
    /// <param name="bytes">The adapter's file form.</param>
    public static MlpAdapter FromBytes(ReadOnlySpan<byte> bytes) => FromNetworkAdapter(NetworkAdapter.FromBytes(bytes));

    /// <summary>Saves the adapter all or nothing.</summary>
    /// <param name="path">The file to write (e.g. "site-a.mlna").</param>
    public void Save(string path) => Network.Save(path);

    /// <summary>Loads an adapter saved by <see cref="Save"/>.</summary>
    /// <param name="path">The file to read.</param>
    public static MlpAdapter Load(string path) => FromNetworkAdapter(NetworkAdapter.Load(path));

    private static MlpAdapter FromNetworkAdapter(NetworkAdapter network)
    {
        string task = network.Metadata.FirstOrDefault(pair => pair.Key == TaskKey).Value
            ?? throw new InvalidDataException("The adapter holds no MLP task: it was not made by MlpAdapter.Extract.");
        if (!Enum.TryParse<MlpTask>(task, out var parsed) || !Enum.IsDefined(parsed))
            throw new InvalidDataException($"The adapter is for an MLP task '{task}' that this MlNetNeural does not know. Upgrade MlNetNeural to load it.");
        var classes = network.Metadata.Where(pair => pair.Key == ClassKey).Select(pair => pair.Value).ToArray();
        var options = network.Metadata.Where(pair => pair.Key.StartsWith(OptionPrefix, StringComparison.Ordinal))
            .Select(pair => new KeyValuePair<string, string>(pair.Key[OptionPrefix.Length..], pair.Value)).ToArray();
        return new MlpAdapter(network, parsed, classes, options);
    }
}
