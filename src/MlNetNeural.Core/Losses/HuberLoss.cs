namespace MlNetNeural.Core.Losses;

/// <summary>
/// Huber loss (Huber 1964): ½r² for |r| ≤ δ and δ(|r| − ½δ) beyond, so outliers pull with a bounded force.
/// </summary>
public sealed class HuberLoss : RegressionLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="delta">Residual size where the loss turns from quadratic to linear, above 0.</param>
    /// <param name="outputSize">Targets per row.</param>
    public HuberLoss(float delta = 1f, int outputSize = 1) : base(outputSize)
    {
        if (!(float.IsFinite(delta) && delta > 0f)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "The Huber delta must be a finite number above 0.");
        Delta = delta;
    }

    /// <summary>Residual size where the loss turns from quadratic to linear.</summary>
    public float Delta { get; }

    /// <inheritdoc />
    protected override double ElementLoss(double residual)
    {
        double absolute = Math.Abs(residual);
        return absolute <= Delta ? 0.5 * residual * residual : Delta * (absolute - 0.5 * Delta);
    }

    /// <inheritdoc />
    protected override double ElementDerivative(double residual) => Math.Clamp(residual, -Delta, Delta);
}
