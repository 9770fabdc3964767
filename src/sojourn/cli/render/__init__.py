"""Human answers: a plain sentence first, then the figures, then the rules relied on.

One module a command's answer (stay, plan, entry, destinations, permit, risk, case, rules), each
imported by its command alone; `_common` and `_hosts` hold what several of them say alike. This
package re-exports nothing, so that importing one renderer does not import them all."""
