using System.Globalization;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Adaptation;
using MlNetNeural.Core.Initialization;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Pruning;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Training;
using MlNetNeural.Models;
using MlNetNeural.Tasks;
using MlNetNeural.Trainers;

namespace MlNetNeural.FineTuning;

/// <summary>
/// What one Fit does about fine-tuning and pruning: checks that the initial model fits the data, prepares a copy of its
/// network (new output layer, LoRA adapters, sparse layers made dense again for further pruning), chooses the trainable
/// layers and the pruning schedule for the core trainer, and after training removes dead units and stores pruned layers
/// sparsely. With neither an initial model nor pruning it changes nothing.
/// </summary>
internal sealed class FineTuningPlan
{
    /// <summary>Random streams for the new output layer and the LoRA factors (the core trainer's own streams are 1 to 4).</summary>
    private const int OutputLayerStream = 101, LoraStream = 102;

    private readonly MlpPruningOptions? _pruning;
    private readonly PruningSettings? _pruningSettings;
    private readonly IReadOnlyList<int>? _trainableLayers;
    private readonly MlpModelParameters? _initialModel;

    private FineTuningPlan(MlpModelParameters? initialModel, Network? network, IReadOnlyList<int>? trainableLayers, MlpPruningOptions? pruning, int maxEpochs,
        bool keepsInitialTargetScale = false, TargetStandardization? initialTargetScale = null)
    {
        _initialModel = initialModel;
        InitialNetwork = network;
        _trainableLayers = trainableLayers;
        _pruning = pruning;
        _pruningSettings = pruning?.ToSettings(maxEpochs);
        KeepsInitialTargetScale = keepsInitialTargetScale;
        InitialTargetScale = initialTargetScale;
    }

    /// <summary>The prepared copy of the initial model's network to train (without a regression model's map-back layer), or null to train a new network.</summary>
    public Network? InitialNetwork { get; }

    /// <summary>
    /// True for a regression warm start that keeps the output layer: the targets are scaled as the initial model's were
    /// (<see cref="InitialTargetScale"/>, or not at all when it predicted in label units), whatever StandardizeLabel says, so
    /// its output keeps its meaning.
    /// </summary>
    public bool KeepsInitialTargetScale { get; }

    /// <summary>The initial regression model's target standardization, or null when it had none.</summary>
    public TargetStandardization? InitialTargetScale { get; }

    /// <summary>Checks and prepares; throws with the option or column to change when the initial model does not fit.</summary>
    public static FineTuningPlan Create(MlpTrainerOptions options, MlpModelParameters? initialModel, MlpTask task, LabelDescription label,
        int featureCount, int outputSize, int seed)
    {
        var fineTuning = options.FineTuning;
        initialModel ??= fineTuning?.InitialModel;
        if (initialModel is null)
        {
            if (fineTuning is { TrainableLayers: not null } or { ReplaceOutputLayer: true } or { LoraRank: > 0 })
                throw new ArgumentException("The FineTuning options need a trained model to start from: pass it to Fit(train, initialModel) or set FineTuning.InitialModel.", nameof(options));
            return new FineTuningPlan(null, null, null, options.Pruning, options.MaxEpochs);
        }
        fineTuning ??= new MlpFineTuningOptions();
        var network = initialModel.Network.Copy();
        TargetStandardization? targetScale = null;
        if (initialModel.Task == MlpTask.Regression && TargetStandardization.TryRead(network, out var read, out var body)) (network, targetScale) = (body, read);
        CheckFits(initialModel, network, fineTuning, options, task, label, featureCount, outputSize);
        bool keepsTargetScale = task == MlpTask.Regression && !fineTuning.ReplaceOutputLayer;

        // Pruning works on dense weights: a sparse layer is made dense again (its zeros stay pruned), an adapted layer is merged.
        if (options.Pruning is not null)
            network = new Network(network.Layers.Select(layer => layer is SparseDenseLayer or LoraDenseLayer ? ((IFullyConnectedLayer)layer).ToDense() : layer).ToArray());
        int outputLayer = network.Layers.Count - 1;
        if (fineTuning.ReplaceOutputLayer) network = WithNewOutputLayer(network, outputSize, seed);

        int[] weighted = Enumerable.Range(0, network.Layers.Count).Where(i => network.Layers[i] is IFullyConnectedLayer).ToArray();
        int keep = fineTuning.TrainableLayers ?? (fineTuning.LoraRank > 0 ? 0 : weighted.Length);
        if (keep < 0 || keep > weighted.Length)
            throw new ArgumentOutOfRangeException(nameof(MlpFineTuningOptions.TrainableLayers), keep,
                $"FineTuning.TrainableLayers is {keep}, but the initial model has {weighted.Length} layers with weights; use 0 to {weighted.Length}, or null to train them all.");
        var trainable = weighted.Skip(weighted.Length - keep).ToHashSet();
        if (fineTuning.ReplaceOutputLayer) trainable.Add(outputLayer);
        if (fineTuning.LoraRank < 0)
            throw new ArgumentOutOfRangeException(nameof(MlpFineTuningOptions.LoraRank), fineTuning.LoraRank, "FineTuning.LoraRank must be 0 (no adapters) or more.");
        if (fineTuning.LoraRank > 0)
        {
            int[] adapted = weighted.Where(i => !trainable.Contains(i) && network.Layers[i] is DenseLayer).ToArray();
            network = LoraAdapters.Attach(network, adapted, fineTuning.LoraRank, fineTuning.LoraAlpha ?? fineTuning.LoraRank, DeterministicRandom.ForStream(seed, LoraStream));
            trainable.UnionWith(adapted);
        }
        if (trainable.Count == 0)
            throw new ArgumentException("FineTuning.TrainableLayers is 0 and neither ReplaceOutputLayer nor LoraRank adds anything to train: nothing would change. Train at least the output layer (TrainableLayers = 1) or add adapters (LoraRank = 4).", nameof(options));
        bool everything = fineTuning.TrainableLayers is null && fineTuning.LoraRank == 0;
        return new FineTuningPlan(initialModel, network, everything ? null : trainable.Order().ToArray(), options.Pruning, options.MaxEpochs,
            keepsTargetScale, keepsTargetScale ? targetScale : null);
    }

    /// <summary>The core settings with this plan's trainable layers and pruning schedule.</summary>
    public TrainerSettings Adjust(TrainerSettings settings) => settings with { TrainableLayers = _trainableLayers, Pruning = _pruningSettings };

    /// <summary>The log line that announces a fine-tuning run, or null when training from scratch.</summary>
    public string? Announcement(MlpTask task, int rows, int seed)
    {
        if (InitialNetwork is null) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"Fine-tuning a {task} MLP {string.Join("-", MlpModelParameters.LayerSizesOf(InitialNetwork))} from an initial model on {rows} rows with seed {seed}: {TrainableParameters(InitialNetwork)} parameters train.");
    }

    /// <summary>After training: removes dead units and stores pruned layers sparsely (when pruning was on and asked for it).</summary>
    public Network Finish(Network trained)
    {
        if (_pruning is null || _pruningSettings is null) return trained;
        var pruned = _pruningSettings.LayersToPrune(trained);
        var network = _pruning.RemoveDeadUnits && !trained.Layers.Any(layer => layer is LoraDenseLayer) ? StructuredPruning.RemoveDeadUnits(trained, out _) : trained;
        if (!_pruning.StoreSparse) return network;
        return new Network(network.Layers.Select((layer, i) => pruned.Contains(i) && layer is DenseLayer dense ? SparseDenseLayer.FromDense(dense) : layer).ToArray());
    }

    /// <summary>
    /// Says so when pruning left a layer without a single weight: every path from the features to the output is cut, and the
    /// model gives every row the same output. Null when pruning was off or every layer kept weights.
    /// </summary>
    public string? PrunedAway(Network final)
    {
        if (_pruning is null) return null;
        var empty = MagnitudePruning.Sparsity(final).Where(pair => pair.Value >= 1).Select(pair => pair.Key).ToList();
        if (empty.Count == 0) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"Pruning to a sparsity of {_pruning.TargetSparsity} left no weight in layer {string.Join(" and layer ", empty)}: no path from the features to the output remains, so the model gives every row the same output. Lower TargetSparsity, prune fewer layers (Scope), or train longer before pruning ends.");
    }

    /// <summary>Facts for the model's option list: where fine-tuning started, what trained, what pruning left.</summary>
    public IEnumerable<KeyValuePair<string, string>> Describe(Network final)
    {
        if (InitialNetwork is not null)
        {
            yield return new("InitialModel", string.Join("-", _initialModel!.LayerSizes) + $" ({_initialModel.Task})");
            yield return new("TrainableParameters", TrainableParameters(InitialNetwork));
            if (_initialModel.EnsembleMembers > 1)
                yield return new(MlpEnsemble.FactName, $"{_initialModel.EnsembleMembers} networks averaged, from the initial model, fine-tuned as one network");
        }
        if (_pruning is not null)
        {
            var sparsity = MagnitudePruning.Sparsity(final);
            yield return new("Sparsity", string.Join(", ", sparsity.Select(pair => string.Create(CultureInfo.InvariantCulture, $"layer {pair.Key}: {Percent(pair.Value)}"))));
            yield return new("LayerSizesAfterPruning", string.Join("-", MlpModelParameters.LayerSizesOf(final)));
        }
    }

    private string TrainableParameters(Network network)
    {
        long total = network.Layers.Sum(StoredValues);
        long trainable = _trainableLayers?.Sum(i => network.Layers[i].Parameters.Sum(p => (long)p.Values.Length)) ?? network.ParameterCount;
        return string.Create(CultureInfo.InvariantCulture, $"{trainable:N0} of {total:N0} ({Percent((double)trainable / total)})");
    }

    private static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{fraction * 100:0.0}%");

    /// <summary>Values a layer holds, frozen or not (a LoRA layer's base weights and biases included).</summary>
    private static long StoredValues(Layer layer) =>
        layer.Parameters.Sum(p => (long)p.Values.Length) + (layer is LoraDenseLayer lora ? lora.BaseWeights.Length + lora.BaseBias.Length : 0);

    private static void CheckFits(MlpModelParameters initial, Network network, MlpFineTuningOptions fineTuning, MlpTrainerOptions options, MlpTask task,
        LabelDescription label, int featureCount, int outputSize)
    {
        if (initial.FeatureCount != featureCount)
            throw new ArgumentException(
                $"The initial model expects {initial.FeatureCount} features, but feature column '{options.FeatureColumnName}' has {featureCount}. Transform the fine-tuning data with the fitted pipeline the initial model was trained with (the same normalizer), not a newly fitted one.");
        if (network.Layers[^1] is not IFullyConnectedLayer)
            throw new ArgumentException($"The initial model's last layer is a {network.Layers[^1].Description}, not a layer with weights; it cannot be fine-tuned.");
        if (fineTuning.ReplaceOutputLayer) return;
        string advice = "Set FineTuning.ReplaceOutputLayer = true to keep its hidden layers and train a new output layer.";
        if (initial.Task != task)
            throw new ArgumentException($"The initial model is a {initial.Task} MLP, but this trainer trains {task}. {advice}");
        if (network.OutputSize != outputSize || (task == MlpTask.MulticlassClassification && !initial.ClassNames.SequenceEqual(label.ClassNames)))
            throw new ArgumentException(
                $"The initial model predicts the classes [{string.Join(", ", initial.ClassNames)}], but label column '{options.LabelColumnName}' has [{string.Join(", ", label.ClassNames)}]. {advice}");
    }

    /// <summary>The network with its last layer replaced by a new dense layer of <paramref name="outputs"/> units, Glorot uniform like a new network's output layer.</summary>
    private static Network WithNewOutputLayer(Network network, int outputs, int seed)
    {
        int index = network.Layers.Count - 1;
        var output = new DenseSpec(outputs, Activation.Identity, WeightInitialization.GlorotUniform, "output")
            .Build(network.Layers[index].InputSize, index, DeterministicRandom.ForStream(seed, OutputLayerStream));
        return new Network([.. network.Layers.Take(index), output]);
    }
}
