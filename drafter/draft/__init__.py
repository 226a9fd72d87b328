"""drafter/draft"""
