using MlNetNeural.Federated.Privacy;
using MlNetNeural.Federated.Protocol;

namespace MlNetNeural.Federated.Coordination;

/// <summary>The outcome of one secure sum.</summary>
/// <param name="Values">The decoded sum, or null when too few sites remained.</param>
/// <param name="Participants">The sites whose contributions it holds.</param>
/// <param name="Drops">Sites that dropped out during masking.</param>
/// <param name="Attempts">Masking attempts made.</param>
internal sealed record SumResult(double[]? Values, IReadOnlyList<string> Participants, IReadOnlyList<SiteDrop> Drops, int Attempts);

/// <summary>
/// Sums the contributions the sites prepared, so that the coordinator sees only the sum. With secure aggregation each
/// attempt is the two message rounds of Bonawitz et al.'s protocol without dropout recovery: every site publishes a fresh
/// public key, then sends its contribution masked with one pairwise mask per other site. If a site does not answer the
/// second step, the masks it shares with the others cannot cancel, so nothing is decoded: the sum is redone with fresh
/// keys among the sites that did answer (whose kept contributions are re-masked, not recomputed). The coordinator never
/// holds two maskings of one contribution under the same keys, so the redo reveals nothing.
/// </summary>
internal static class SecureSum
{
    public static async Task<SumResult> Run(SiteCalls calls, FederatedPlan plan, ContributionKind kind, int round,
        IReadOnlyList<string> ready, FixedPointEncoding encoding)
    {
        var members = ready.ToList();
        var drops = new List<SiteDrop>();
        for (int attempt = 1; attempt <= plan.MaskingAttempts; attempt++)
        {
            if (members.Count < plan.MinimumSites) return new SumResult(null, members, drops, attempt - 1);
            var masking = new MaskingAttempt(plan.Study, kind, round, attempt);
            byte[][] keys = [];
            if (plan.SecureAggregation)
            {
                var (published, keyDrops) = await calls.CallAll(members, "key exchange", plan.MaskingDeadline, _ => masking,
                    (site, request, _) => site.AdvertiseKey(request));
                drops.AddRange(keyDrops);
                members = published.Select(p => p.Site).ToList();
                keys = published.Select(p => p.Reply).ToArray();
                if (members.Count < plan.MinimumSites) return new SumResult(null, members, drops, attempt);
            }
            var maskRequest = new MaskRequest(masking, [.. members], keys, encoding.FractionBits);
            var (masked, maskDrops) = await calls.CallAll(members, "masked sum", plan.MaskingDeadline, _ => maskRequest,
                (site, request, _) => site.SubmitMasked(request));
            drops.AddRange(maskDrops);
            bool complete = maskDrops.Count == 0;
            if (complete || !plan.SecureAggregation)
            {
                var answered = masked.Select(m => m.Site).ToList();
                if (answered.Count < plan.MinimumSites) return new SumResult(null, answered, drops, attempt);
                var sum = new ulong[masked[0].Reply.Length];
                foreach (var (_, vector) in masked) FixedPointEncoding.AddInto(sum, vector);
                return new SumResult(encoding.Decode(sum), answered, drops, attempt);
            }
            members = masked.Select(m => m.Site).ToList();
        }
        return new SumResult(null, members, drops, plan.MaskingAttempts);
    }
}
