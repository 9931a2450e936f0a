namespace MedicalImaging.Evaluation;

/// <summary>Chooses a probability threshold that reaches a target sensitivity, and applies it.</summary>
public static class OperatingPoint
{
    /// <summary>
    /// The largest threshold t such that at least <paramref name="targetSensitivity"/> of the positive cases
    /// have probability ≥ t. Choose it on held-out predictions of the training data, never on the test cases.
    /// </summary>
    public static float ThresholdFor(float[] probabilities, bool[] labels, double targetSensitivity)
    {
        if (!(targetSensitivity > 0 && targetSensitivity <= 1))
            throw new ArgumentOutOfRangeException(nameof(targetSensitivity), targetSensitivity, "The target sensitivity must be in (0, 1], e.g. 0.98.");
        float[] positives = probabilities.Where((_, i) => labels[i]).OrderByDescending(p => p).ToArray();
        if (positives.Length == 0) throw new InvalidOperationException("No positive cases to set a sensitivity on.");
        int needed = (int)Math.Ceiling(targetSensitivity * positives.Length - 1e-9);
        return positives[Math.Max(needed, 1) - 1];
    }
}
