using MlNetNeural.Models;
using MlNetNeural.Transformers;

namespace MlNetNeural.Federated;

/// <summary>A federated study's outcome: an ordinary MLP model and prediction transformer (saved, loaded, explained and exported like any other), and how each round went.</summary>
public sealed class FederatedTrainingResult
{
    internal FederatedTrainingResult(MlpPredictionTransformer transformer, IReadOnlyList<RoundReport> rounds, PrivacyReport privacy, double seconds)
    {
        Transformer = transformer;
        Rounds = rounds;
        Privacy = privacy;
        Seconds = seconds;
    }

    /// <summary>
    /// The prediction transformer (<c>MlpBinaryPredictionTransformer</c>, <c>MlpMulticlassPredictionTransformer</c> or
    /// <c>MlpRegressionPredictionTransformer</c> by the trainer's task) that scores the feature column.
    /// </summary>
    public MlpPredictionTransformer Transformer { get; }

    /// <summary>The model: the global network (its first layer the pooled input scaling when that was on), one history entry per aggregated round, and the trainer and federated options.</summary>
    public MlpModelParameters Model => Transformer.Model;

    /// <summary>One report per round, round 0 being the input statistics when they were aggregated.</summary>
    public IReadOnlyList<RoundReport> Rounds { get; }

    /// <summary>What training protected.</summary>
    public PrivacyReport Privacy { get; }

    /// <summary>Wall-clock seconds the coordinator spent, across its restarts.</summary>
    public double Seconds { get; }

    /// <summary>Mean payload bytes per training round, both directions (Orleans-serialized requests and replies, message headers not counted).</summary>
    public double MeanBytesPerRound => Rounds.Where(r => r.Round > 0).Select(r => (double)(r.BytesToSites + r.BytesFromSites)).DefaultIfEmpty(0).Average();
}
