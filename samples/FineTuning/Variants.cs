using MlNetNeural.Core.Training;
using MlNetNeural.FineTuning;
using MlNetNeural.Trainers;

namespace FineTuning;

/// <summary>One way of learning the new digits from the few labelled images.</summary>
/// <param name="Name">Short name for tables.</param>
/// <param name="Description">What trains.</param>
/// <param name="StartsFromPretrained">Whether it starts from the model pretrained on the digits 0-4.</param>
/// <param name="FineTuning">The fine-tuning options, or null for a new network.</param>
public sealed record Variant(string Name, string Description, bool StartsFromPretrained, MlpFineTuningOptions? FineTuning)
{
    /// <summary>The four variants compared: the same network shape, epochs and batch size for all, the learning rate chosen by each.</summary>
    public static IReadOnlyList<Variant> All { get; } =
    [
        new("From scratch", "a new network, all weights trained on the labelled images", false, null),
        new("Full fine-tuning", "pretrained hidden layers and a new output layer, all trained", true, new MlpFineTuningOptions { ReplaceOutputLayer = true }),
        new("Head only", "pretrained hidden layers frozen, a new output layer trained", true, new MlpFineTuningOptions { ReplaceOutputLayer = true, TrainableLayers = 1 }),
        new("LoRA (rank 8)", "pretrained hidden layers frozen with rank-8 adapters, a new output layer trained", true,
            new MlpFineTuningOptions { ReplaceOutputLayer = true, LoraRank = 8 }),
    ];

    /// <summary>The trainer options of this variant for one seed and learning rate.</summary>
    public MlpMulticlassTrainer.Options Options(StudySettings settings, int seed, float learningRate) => new()
    {
        HiddenLayers = settings.HiddenLayers, Dropout = 0.2f, MaxEpochs = settings.FineTuningEpochs, Seed = seed, LearningRate = learningRate,
        InputScaling = InputScaling.None, FineTuning = FineTuning,
        EnsembleSize = 1, // every variant trains one network, so training from scratch is compared like for like
    };
}
