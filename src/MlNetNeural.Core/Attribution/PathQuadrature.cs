namespace MlNetNeural.Core.Attribution;

/// <summary>
/// Points α in (0, 1) on the path from the baseline (α = 0) to the row (α = 1) and their weights (summing to 1), such
/// that Σₛ wₛ g(αₛ) approximates ∫₀¹ g(α) dα.
/// </summary>
public sealed class PathQuadrature
{
    private PathQuadrature(double[] nodes, double[] weights)
    {
        Nodes = Array.ConvertAll(nodes, node => (float)node);
        Weights = Array.ConvertAll(weights, weight => (float)weight);
    }

    /// <summary>Positions on the path, in (0, 1], in increasing order.</summary>
    public IReadOnlyList<float> Nodes { get; }

    /// <summary>The weight of each node; they sum to 1.</summary>
    public IReadOnlyList<float> Weights { get; }

    /// <summary>Number of points.</summary>
    public int Count => Nodes.Count;

    /// <summary>One point at the row itself (α = 1, weight 1): the gradient at x, for gradient × input.</summary>
    public static PathQuadrature AtRow { get; } = new([1.0], [1.0]);

    /// <summary>The <paramref name="points"/>-point rule of the given kind on [0, 1].</summary>
    /// <param name="rule">Gauss–Legendre or midpoint (linear pieces depend on the row: see <see cref="PiecewiseLinearPath"/>).</param>
    /// <param name="points">Number of points, at least 1.</param>
    public static PathQuadrature Create(IntegrationRule rule, int points)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        return rule switch
        {
            IntegrationRule.GaussLegendre => GaussLegendre(points),
            IntegrationRule.RiemannMidpoint => Midpoint(points),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Only Gauss–Legendre and the midpoint rule have fixed points."),
        };
    }

    private static PathQuadrature Midpoint(int points)
    {
        var nodes = new double[points];
        var weights = new double[points];
        for (int s = 0; s < points; s++)
        {
            nodes[s] = (s + 0.5) / points;
            weights[s] = 1.0 / points;
        }
        return new PathQuadrature(nodes, weights);
    }

    /// <summary>
    /// The roots xₛ of the Legendre polynomial Pₙ, found by Newton's method from the estimate cos(π(s + 3/4)/(n + 1/2)),
    /// with weights 2 / ((1 − xₛ²) Pₙ′(xₛ)²) (Abramowitz and Stegun 25.4.29), mapped from [−1, 1] to [0, 1].
    /// </summary>
    private static PathQuadrature GaussLegendre(int points)
    {
        var nodes = new double[points];
        var weights = new double[points];
        for (int s = 0; s < points; s++)
        {
            double x = Math.Cos(Math.PI * (s + 0.75) / (points + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                (double value, derivative) = Legendre(points, x);
                double step = value / derivative;
                x -= step;
                if (Math.Abs(step) < 1e-15) break;
            }
            (_, derivative) = Legendre(points, x);
            // Roots come out from the largest down; store them in increasing order of α.
            nodes[points - 1 - s] = (x + 1) / 2;
            weights[points - 1 - s] = 1 / ((1 - x * x) * derivative * derivative);
        }
        return new PathQuadrature(nodes, weights);
    }

    /// <summary>Pₙ(x) and Pₙ′(x) by the three-term recurrence (n + 1)Pₙ₊₁ = (2n + 1)xPₙ − nPₙ₋₁.</summary>
    private static (double Value, double Derivative) Legendre(int n, double x)
    {
        double previous = 1, current = x;
        for (int k = 1; k < n; k++)
        {
            double next = ((2 * k + 1) * x * current - k * previous) / (k + 1);
            previous = current;
            current = next;
        }
        return (current, n * (x * current - previous) / (x * x - 1));
    }
}
