namespace MlNetNeural.Core.Attribution;

/// <summary>How <see cref="FeatureAttributor"/> attributes an output to the input features. Immutable; every property has a default.</summary>
public sealed record AttributionSettings
{
    /// <summary>The default of each setting, in one place (the ML.NET options read them).</summary>
    public static class Defaults
    {
        /// <summary>Integrated gradients: the method with completeness (contributions add up to the change of the output).</summary>
        public const AttributionMethod Method = AttributionMethod.IntegratedGradients;

        /// <summary>
        /// 128 points for the quadrature rules. Gauss–Legendre on ReLU networks (whose gradient jumps at every kink: the
        /// hard case for quadrature) left up to 1.0 % completeness error over the 569 rows of a [64, 32] WDBC model (1.4 %
        /// at 64 points), 2.4 % on a model with the trainers' clipped input scaling, 0.2 % on MNIST digit models; on the
        /// trainer's default WDBC model (clipped scaling and periodic embeddings) up to 0.09 logit, 0.9 % of the change on
        /// the rows whose logit moved by more than 1. Smooth activations need far fewer. Sundararajan et al. report 20 to
        /// 300 steps as enough; Captum defaults to 50. With <see cref="IntegrationRule.LinearPieces"/> it is also the batch in which the pieces go through the network.
        /// </summary>
        public const int IntegrationSteps = 128;

        /// <summary>
        /// Linear pieces: exact on the piecewise-linear networks the trainers build by default (ReLU), Gauss–Legendre on
        /// the others (it had the smaller error of the two quadratures at every step count measured).
        /// </summary>
        public const IntegrationRule Rule = IntegrationRule.LinearPieces;
    }

    /// <summary>Largest number of integration steps accepted, and of pieces cut for <see cref="IntegrationRule.LinearPieces"/> (each costs a forward and backward pass of a row).</summary>
    public const int MaxIntegrationSteps = 4096;

    /// <summary>Integrated gradients (default) or gradient × input.</summary>
    public AttributionMethod Method { get; init; } = Defaults.Method;

    /// <summary>
    /// Points on the path for the quadrature rules (and for the Gauss–Legendre fallback of linear pieces), 1 to
    /// <see cref="MaxIntegrationSteps"/>. Default 128. Ignored by gradient × input.
    /// </summary>
    public int IntegrationSteps { get; init; } = Defaults.IntegrationSteps;

    /// <summary>How integrated gradients integrates along the path. Default linear pieces (exact for ReLU networks). Ignored by gradient × input.</summary>
    public IntegrationRule Rule { get; init; } = Defaults.Rule;

    /// <summary>
    /// The fixed points and weights a row is evaluated at: the path quadrature (Gauss–Legendre for linear pieces, whose
    /// pieces depend on the row), or the row alone for gradient × input.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public PathQuadrature CreateQuadrature()
    {
        switch (Method)
        {
            case AttributionMethod.GradientTimesInput:
                return PathQuadrature.AtRow;
            case AttributionMethod.IntegratedGradients:
                if (IntegrationSteps is < 1 or > MaxIntegrationSteps)
                    throw new ArgumentOutOfRangeException(nameof(IntegrationSteps), IntegrationSteps,
                        $"Integrated gradients needs 1 to {MaxIntegrationSteps} integration steps; {Defaults.IntegrationSteps} (the default) kept completeness within about 1 % of the output's change on the MLPs measured, and linear pieces are exact on ReLU networks.");
                return PathQuadrature.Create(Rule == IntegrationRule.LinearPieces ? IntegrationRule.GaussLegendre : Rule, IntegrationSteps);
            default:
                throw new ArgumentOutOfRangeException(nameof(Method), Method, "Unknown attribution method.");
        }
    }
}
