namespace MlNetNeural.Core.Losses;

/// <summary>Mean squared error, ℓ = mean over outputs of (output − target)².</summary>
/// <param name="outputSize">Targets per row.</param>
public sealed class MeanSquaredErrorLoss(int outputSize = 1) : RegressionLoss(outputSize)
{
    /// <inheritdoc />
    protected override double ElementLoss(double residual) => residual * residual;

    /// <inheritdoc />
    protected override double ElementDerivative(double residual) => 2 * residual;
}
