using System.Text.Json;
using MlNetNeural.Core.IO;

namespace CreditScoring;

/// <summary>
/// What a caller of the saved model needs besides the model file: the probability threshold above which an
/// applicant is treated as bad, and the costs it was chosen for. Saved as JSON next to the model.
/// </summary>
/// <param name="Threshold">Predict bad when the model's Probability is at least this.</param>
/// <param name="Calibration">The calibration inside the model ("None", "Platt" or "Isotonic").</param>
/// <param name="CostBadPredictedGood">Cost of accepting a bad applicant.</param>
/// <param name="CostGoodPredictedBad">Cost of rejecting a good applicant.</param>
public sealed record DecisionPolicy(double Threshold, string Calibration, double CostBadPredictedGood, double CostGoodPredictedBad)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>True (bad) when <paramref name="probabilityOfDefault"/> reaches the threshold.</summary>
    public bool PredictsBad(float probabilityOfDefault) => probabilityOfDefault >= Threshold;

    /// <summary>Writes the policy as indented JSON, all-or-nothing (<see cref="AtomicFile"/>).</summary>
    public void Save(string path) => AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, this, Indented));

    /// <summary>Reads a policy written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a decision policy.</exception>
    public static DecisionPolicy Load(string path) =>
        JsonSerializer.Deserialize<DecisionPolicy>(File.ReadAllText(path))
        ?? throw new InvalidDataException($"'{path}' does not hold a decision policy (JSON with Threshold, Calibration and the two costs).");
}
