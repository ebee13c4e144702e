"""Fitting a lead-scoring model with scikit-learn: L2-regularised logistic regression on
standardised features, folded back to the features' own scale so scoring needs neither the
library nor numpy (``crm_leads.domain.lead_scoring.ScoreModel``)."""

from __future__ import annotations

from collections.abc import Sequence

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from crm_leads.domain.lead_scoring import ClosedLead, ScoreModel, features

REGULARISATION = 1.0
"""Inverse strength (scikit-learn's C) on standardised features: rare categories (a car model
three leads asked for) stay near zero instead of explaining those three leads."""


def fit(closed: Sequence[ClosedLead]) -> ScoreModel:
    """The model of these closed leads; deterministic for the same leads (lbfgs)."""
    vectorizer = DictVectorizer(sparse=False, sort=True)
    x = vectorizer.fit_transform([features(c.facts) for c in closed])
    y = [c.converted for c in closed]
    scaler = StandardScaler().fit(x)
    regression = LogisticRegression(C=REGULARISATION, max_iter=2000)
    regression.fit(scaler.transform(x), y)
    names = vectorizer.get_feature_names_out()
    weights = regression.coef_[0] / scaler.scale_
    means = scaler.mean_
    intercept = float(regression.intercept_[0] - (weights * means).sum())
    return ScoreModel(
        weights={str(n): float(w) for n, w in zip(names, weights, strict=True)},
        intercept=intercept,
        averages={str(n): float(m) for n, m in zip(names, means, strict=True)},
    )
