using Microsoft.ML;

namespace MlNetNeural.MlNet.Internals;

/// <summary>Builds <see cref="TrainerInfo"/>, whose constructor ML.NET keeps internal.</summary>
internal static class TrainerInfoFactory
{
    /// <summary>
    /// A <see cref="TrainerInfo"/> with the given flags; calibration, incremental training and test-set
    /// support are off (our trainers produce calibrated probabilities themselves and train from scratch).
    /// </summary>
    /// <param name="needNormalization">Tells ML.NET tooling the features should be normalized first.</param>
    /// <param name="wantCaching">Tells ML.NET tooling the trainer passes over the data many times.</param>
    /// <param name="supportsValidation">Whether the trainer accepts a validation set.</param>
    public static TrainerInfo Create(bool needNormalization, bool wantCaching, bool supportsValidation) =>
        (TrainerInfo)MlNetMembers.Invoke(MlNetMembers.TrainerInfoConstructor.Value, null,
            needNormalization, false, wantCaching, supportsValidation, false, false)!;
}
