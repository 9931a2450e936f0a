using System.Globalization;
using MlNetNeural.Core.Training;
using MlNetNeural.Trainers;

namespace CreditScoring;

/// <summary>
/// The MLP settings the study varies. Everything else is fixed: Adam at 1e-3, batches of 32, no early stopping
/// (ValidationFraction = 0, all training rows used for the fixed number of epochs: a 10 % early-stopping split of
/// ~700 rows is too noisy and stops too early), and bad loans weighted by good/bad so the 30 % class counts as
/// much as the 70 % one (the calibrator then undoes the shift this gives the probabilities).
/// </summary>
/// <param name="HiddenLayers">Units per hidden layer.</param>
/// <param name="Dropout">Dropout after each hidden layer.</param>
/// <param name="L2Penalty">L2 penalty on the weights.</param>
/// <param name="Epochs">Passes over the training rows.</param>
public sealed record MlpConfiguration(int[] HiddenLayers, float Dropout, float L2Penalty, int Epochs)
{
    /// <summary>
    /// The configuration the study uses, chosen with <c>dotnet run -- --tune</c> by inner cross-validation
    /// (see docs/credit-scoring.md): one hidden layer of 16, dropout 0.1, L2 1e-3, 30 epochs, the best mean
    /// inner-CV AUC of <see cref="MlpTuning.Grid"/> (0.784; 15, 20 and 60 epochs were worse).
    /// </summary>
    public static MlpConfiguration Chosen { get; } = new([16], 0.1f, 1e-3f, 30);

    /// <summary>The trainer options for these training rows (the class weight is good/bad of the rows).</summary>
    public MlpBinaryTrainer.Options ToOptions(IReadOnlyList<LabeledApplication> rows, int seed, Action<EpochReport>? progress = null)
    {
        int bad = rows.Count(row => row.Label);
        if (bad == 0 || bad == rows.Count)
            throw new ArgumentException($"The {rows.Count} training rows hold only {(bad == 0 ? "good" : "bad")} loans; the MLP needs both classes.", nameof(rows));
        return new MlpBinaryTrainer.Options
        {
            HiddenLayers = HiddenLayers,
            Dropout = Dropout,
            L2Penalty = L2Penalty,
            LearningRate = 1e-3f,
            BatchSize = 32,
            MaxEpochs = Epochs,
            ValidationFraction = 0f,
            EarlyStoppingPatience = 0,
            PositiveClassWeight = (rows.Count - bad) / (float)bad,
            Seed = seed,
            NumberOfThreads = 1,
            EnsembleSize = 1, // the configuration was tuned, and its numbers measured, as one network
            ProgressCallback = progress,
        };
    }

    /// <summary>E.g. "[16] dropout 0.3 L2 0.001 60 epochs".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"[{string.Join(", ", HiddenLayers)}] dropout {Dropout} L2 {L2Penalty} {Epochs} epochs");
}
