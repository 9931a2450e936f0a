using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Models.Format;

/// <summary>What a payload being read has given so far, part by part; <see cref="Build"/> checks that it makes a usable model.</summary>
internal sealed class MlpModelContents(MlpTask task)
{
    public MlpTask Task => task;

    public string? FeatureColumnName { get; set; }

    public IReadOnlyList<string>? ClassNames { get; set; }

    public IReadOnlyList<KeyValuePair<string, string>>? TrainerOptions { get; set; }

    public TrainingHistory? History { get; set; }

    public Network? Network { get; set; }

    /// <summary>The decision threshold of a binary MLP whose threshold was changed; null for the default.</summary>
    public float? DecisionThreshold { get; set; }

    /// <summary>The model and its feature column; a missing part or parts that do not fit together make the file corrupt.</summary>
    public (MlpModelParameters Model, string FeatureColumnName) Build()
    {
        var network = Network ?? throw ModelFileErrors.Corrupt("it has no network");
        if (string.IsNullOrEmpty(FeatureColumnName)) throw ModelFileErrors.Corrupt("it names no feature column");
        if (ClassNames is null) throw ModelFileErrors.Corrupt("it has no class-name list");
        try
        {
            var model = new MlpModelParameters(task, network, ClassNames, History ?? TrainingHistory.Restore("", 0, StopReason.MaxEpochsReached, "", 0, 0, 0, []),
                TrainerOptions ?? []);
            return (model, FeatureColumnName);
        }
        catch (ArgumentException e)
        {
            throw ModelFileErrors.Corrupt(e.Message.TrimEnd('.'));
        }
    }
}
