using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Models;

/// <summary>
/// A trained multilayer perceptron as ML.NET sees it: the network, what it predicts, the class names,
/// the options it was trained with and the per-epoch training history. Reach it through
/// <c>transformer.Model</c>.
/// </summary>
public sealed class MlpModelParameters
{
    internal MlpModelParameters(MlpTask task, Network network, IReadOnlyList<string> classNames,
        TrainingHistory history, IReadOnlyList<KeyValuePair<string, string>> trainerOptions)
    {
        CheckOutputs(task, network, classNames);
        Task = task;
        Network = network;
        ClassNames = classNames;
        History = history;
        TrainerOptions = trainerOptions;
    }

    /// <summary>What the model predicts.</summary>
    public MlpTask Task { get; }

    /// <summary>The network, with the weights training kept (the best epoch's when early stopping was on).</summary>
    public Network Network { get; }

    /// <summary>Features the model expects per row.</summary>
    public int FeatureCount => Network.InputSize;

    /// <summary>Units per layer, input first: e.g. [30, 64, 32, 1].</summary>
    public IReadOnlyList<int> LayerSizes => LayerSizesOf(Network);

    /// <summary>The input width, then the units of each layer with weights (dense, sparse or adapted).</summary>
    internal static IReadOnlyList<int> LayerSizesOf(Network network) =>
        [network.InputSize, .. network.Layers.OfType<IFullyConnectedLayer>().Select(layer => layer.OutputSize)];

    /// <summary>Class names in score-vector order (multiclass); empty for the other tasks.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Per-epoch training and validation loss, the validation metric, and how training ended.</summary>
    public TrainingHistory History { get; }

    /// <summary>The epoch (from 1) whose weights the model holds.</summary>
    public int BestEpoch => History.BestEpoch;

    /// <summary>Every trainer option with its value as text, in declaration order (for model cards and reports).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> TrainerOptions { get; }

    /// <summary>
    /// The networks this model averages: the members of a seed ensemble (<c>EnsembleSize</c> of the trainer's options, fewer
    /// when training was cancelled), merged into <see cref="Network"/>; 1 for a single network.
    /// </summary>
    public int EnsembleMembers => Trainers.MlpEnsemble.MembersOf(TrainerOptions);

    /// <summary>A multiclass model has one output per class name (at least two); the others have one output and no class names.</summary>
    private static void CheckOutputs(MlpTask task, Network network, IReadOnlyList<string> classNames)
    {
        bool fits = task == MlpTask.MulticlassClassification
            ? classNames.Count >= 2 && classNames.Count == network.OutputSize
            : classNames.Count == 0 && network.OutputSize == 1;
        if (!fits)
        {
            throw new ArgumentException(
                $"A {task} model with {classNames.Count} class names cannot have a network of {network.OutputSize} outputs " +
                (task == MlpTask.MulticlassClassification ? "(it needs one output per class, and at least two classes)." : "(it needs one output and no class names)."),
                nameof(classNames));
        }
    }
}
